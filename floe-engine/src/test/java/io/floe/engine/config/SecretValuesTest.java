package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretValuesTest {
    private static final Map<String, Object> FORM = Map.of("title", "Deploy", "fields", List.of(
            Map.of("id", "who", "prompt", "Who", "type", "text", "value", "ann"),
            Map.of("ID", "token", "Prompt", "Token", "Type", " PassWord ", "Value", "typed")));

    @Test
    void theEmbeddedFormSaysWhatIsSecretAtTheTopInValuesAndInTheFormItself() {
        Map<String, Object> opts = Map.of("form", FORM, "who", "ann", "token", "typed",
                "values", Map.of("who", "ann", "token", "typed"));
        Map<String, Object> shown = SecretValues.masked(opts, Set.of());
        assertThat(shown.toString()).doesNotContain("typed").contains("ann");
        assertThat(shown).containsEntry("token", SecretValues.MASK).containsEntry("who", "ann");
        assertThat(shown.get("values")).asString().contains("token=" + SecretValues.MASK).doesNotContain("typed");
        assertThat(opts.get("token")).isEqualTo("typed"); // the run's own opts are untouched
    }

    @Test
    void bareValuesAreMaskedByTheIdsTheCallerNamesAndNothingElseIsCopied() {
        Map<String, Object> bare = Map.of("who", "ann", "token", "typed");
        assertThat(SecretValues.masked(bare, Set.of("token"))).containsEntry("token", SecretValues.MASK)
                .containsEntry("who", "ann");
        Map<String, Object> plain = Map.of("exit", 0, "update", "a log line");
        assertThat(SecretValues.masked(plain, Set.of("token"))).isSameAs(plain);
        assertThat(SecretValues.secretIds(List.of(Map.of("form", FORM), Map.of("shell", "true"))))
                .containsExactly("token");
    }
}
