package io.floe.standalone.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The ping period as a system property sets it. */
class ClusterSettingsTest {
    @Test
    void thePingPeriodIsReadInTheUsualUnits() {
        assertThat(ping("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ping("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ping("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(ping("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ping("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(ClusterSettings.from(new Properties())).isEqualTo(ClusterSettings.DEFAULTS);
    }

    @Test
    void aBadPeriodSaysWhatIsAccepted() {
        assertThatThrownBy(() -> ping("soon")).hasMessageContaining(ClusterSettings.PING_PERIOD_PROPERTY)
                .hasMessageContaining("'soon'").hasMessageContaining("500ms");
        assertThatThrownBy(() -> ping("0ms")).hasMessageContaining("positive");
    }

    private static Duration ping(String text) {
        Properties p = new Properties();
        p.setProperty(ClusterSettings.PING_PERIOD_PROPERTY, text);
        return ClusterSettings.from(p).pingPeriod();
    }
}
