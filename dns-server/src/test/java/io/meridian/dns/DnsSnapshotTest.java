package io.meridian.dns;

import static io.meridian.dns.FakeRoutingTable.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.routing.ProfileDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zone index and its cache follow the zones and the profile names, not health. */
class DnsSnapshotTest {

    @Test
    void aNewTableWithTheSameProfilesKeepsTheIndexAndItsCache() {
        DnsSnapshot first = Fixtures.snapshot();
        DnsSnapshot healthChanged = first.withTable(new FakeRoutingTable(first.table().profiles()
                .toArray(ProfileDefinition[]::new)));

        assertThat(healthChanged.table()).isNotSameAs(first.table());
        assertThat(healthChanged.index()).isSameAs(first.index());
        assertThat(healthChanged.zones()).isSameAs(first.zones());
    }

    @Test
    void aRenamedOrAddedProfileRebuildsTheIndex() {
        DnsSnapshot first = DnsSnapshot.of(List.of(Fixtures.ZONE),
                new FakeRoutingTable(profile("api", "api.tm.example.test", 10, "192.0.2.1")));

        DnsSnapshot renamed = first.withTable(new FakeRoutingTable(profile("web", "api.tm.example.test", 10, "192.0.2.1")));
        DnsSnapshot added = first.withTable(new FakeRoutingTable(profile("api", "api.tm.example.test", 10, "192.0.2.1"),
                profile("new", "new.tm.example.test", 10, "192.0.2.2")));

        assertThat(renamed.index()).isNotSameAs(first.index());
        assertThat(renamed.index().routedProfile("api.tm.example.test", 1, false)).isEqualTo("web");
        assertThat(added.index().exists("new.tm.example.test")).isTrue();
        assertThat(first.index().exists("new.tm.example.test")).isFalse();
    }
}
