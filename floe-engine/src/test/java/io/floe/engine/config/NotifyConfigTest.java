package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code common.notify}, {@code common.public-url} and a flow's {@code notify} as the loader reads and checks them. */
class NotifyConfigTest {
    @Test
    void receiversOfCommonAndOfAFlowAreRead() throws Exception {
        FloeConfig c = ConfigLoader.parse("""
                common:
                  public-url: https://floe.example.com
                  notify:
                    - url: https://hooks.example.com/floe
                      secret-env: FLOE_HOOK_SECRET
                flows:
                  - id: f
                    notify:
                      - {url: "https://hooks.slack.com/services/T/B/X", format: slack, secret-file: /etc/s,
                         events: [run-end, data-waiting]}
                    triggers: [{name: go, type: data}]
                    tasks: [{name: e, listen: trigger.good, type: end}]
                """, "n.yml", null, null);
        assertThat(c.warnings()).isEmpty();
        assertThat(c.common().publicUrl()).isEqualTo("https://floe.example.com");
        assertThat(c.common().notifications()).singleElement().satisfies(t -> {
            assertThat(t.url()).isEqualTo("https://hooks.example.com/floe");
            assertThat(t.secretEnv()).isEqualTo("FLOE_HOOK_SECRET");
            assertThat(t.format()).isEqualTo(NotifyTarget.Format.JSON);
            assertThat(t.events()).containsExactly(NotifyTarget.When.RUN_END);
        });
        NotifyTarget slack = c.flows().get(0).notifications().get(0);
        assertThat(slack.format()).isEqualTo(NotifyTarget.Format.SLACK);
        assertThat(slack.events()).isEqualTo(Set.of(NotifyTarget.When.RUN_END, NotifyTarget.When.DATA_WAITING));
        // a Slack URL is a secret of its own: logs show only where it goes, and no API shows it
        assertThat(slack.safeUrl()).isEqualTo("https://hooks.slack.com/…");
        assertThat(Json.write(c)).doesNotContain("hooks.", "FLOE_HOOK_SECRET", "/etc/s");
    }

    @Test
    void mistakesAreRefusedWithTheLineAndWhatToWrite() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                common:
                  notify:
                    - url: ftp://x
                    - url: https://x.example.com
                      format: teams
                    - url: https://x.example.com
                      secret-env: A
                      secret-file: /b
                    - url: https://x.example.com
                      events: [start]
                """, "n.yml", null, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("n.yml:3")
                .hasMessageContaining("notify needs a url starting with https:// or http://")
                .hasMessageContaining("notify format teams is not known; use json (the default) or slack")
                .hasMessageContaining("set secret-env or secret-file, not both")
                .hasMessageContaining("notify event start is not known; use run-end and/or data-waiting");
    }
}
