package io.meridian.director.core;

import static io.meridian.director.core.ControllerFixtures.A_WESTUS2;
import static io.meridian.director.core.ControllerFixtures.A_WESTEUROPE;
import static io.meridian.director.core.ControllerFixtures.YAML;
import static io.meridian.director.core.ControllerFixtures.disabled;
import static io.meridian.director.core.ControllerFixtures.health;
import static io.meridian.director.core.ControllerFixtures.inputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.director.state.OperatorState;
import io.meridian.director.state.Snapshot;
import io.meridian.routing.HealthStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller's shell: one context, urgent events at once, health coalesced, listeners after publish. */
class ControllerTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<Snapshot> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private Controller started(Duration coalesce, ControllerInputs initial) throws Exception {
        Controller controller = new Controller(context, coalesce);
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            controller.onPublish(published::add);
            controller.start(initial);
            done.complete();
        });
        done.future().await(10, TimeUnit.SECONDS);
        return controller;
    }

    @Test
    void anOperatorChangeIsPublishedBeforeItsFutureCompletes() throws Exception {
        ControllerInputs initial = inputs(YAML, 0, OperatorState.NONE);
        Controller controller = started(Duration.ofSeconds(30), initial);

        Snapshot after = controller.submit(new ControllerEvent.OperatorStateChanged(disabled(A_WESTUS2, 1)))
                .await(10, TimeUnit.SECONDS);

        assertThat(controller.current()).isSameAs(after);
        assertThat(after.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DISABLED);
        assertThat(published).endsWith(after);
    }

    @Test
    void healthBurstsWithinTheWindowAreBuiltOnce() throws Exception {
        ControllerInputs initial = inputs(YAML, 0, OperatorState.NONE);
        Controller controller = started(Duration.ofMillis(200), initial);
        int before = published.size();

        Future<Snapshot> first = controller.submit(new ControllerEvent.ProbeHealthChanged(
                health(initial, HealthStatus.DEGRADED, 1, A_WESTUS2)));
        Future<Snapshot> second = controller.submit(new ControllerEvent.ProbeHealthChanged(
                health(initial, HealthStatus.DEGRADED, 1, A_WESTUS2, A_WESTEUROPE)));

        Snapshot one = first.await(10, TimeUnit.SECONDS);
        assertThat(second.await(10, TimeUnit.SECONDS)).isSameAs(one);
        assertThat(published).hasSize(before + 1);
        assertThat(one.table().statusOf(A_WESTEUROPE)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(one.table().failingOpen("a")).isTrue();
    }

    @Test
    void anUrgentEventAlsoCarriesTheHealthWaitingForItsWindow() throws Exception {
        ControllerInputs initial = inputs(YAML, 0, OperatorState.NONE);
        Controller controller = started(Duration.ofSeconds(30), initial);

        controller.submit(new ControllerEvent.ProbeHealthChanged(health(initial, HealthStatus.DEGRADED, 1, A_WESTUS2)));
        Snapshot s = controller.submit(new ControllerEvent.OperatorStateChanged(disabled(A_WESTEUROPE, 1)))
                .await(10, TimeUnit.SECONDS);

        assertThat(s.table().statusOf(A_WESTUS2)).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void eventsBeforeStartFailAndStateIsOwnedByOneContext() {
        Controller controller = new Controller(context, Duration.ZERO);
        assertThatThrownBy(() -> controller.submit(new ControllerEvent.OperatorStateChanged(OperatorState.NONE))
                .await(10, TimeUnit.SECONDS)).hasMessageContaining("before start");
        assertThatThrownBy(() -> controller.start(inputs(YAML, 0, OperatorState.NONE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("off its context");
    }
}
