package io.meridian.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docs/prometheus/meridian-alerts.yml through {@code promtool} (Debian's prometheus package; .ci/run installs
 * it): the rules parse, and the cases in meridian-alerts.test.yml fire or stay quiet as they say.
 */
class AlertRulesTest {
    @Test
    void theAlertRulesPassTheirPromtoolTests() throws Exception {
        Process which = new ProcessBuilder("bash", "-c", "command -v promtool").start();
        Assumptions.assumeTrue(which.waitFor() == 0, "promtool is not installed");
        Process promtool = new ProcessBuilder("promtool", "test", "rules", "../docs/prometheus/meridian-alerts.test.yml")
                .redirectErrorStream(true).start();
        String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(report).isZero();
    }
}
