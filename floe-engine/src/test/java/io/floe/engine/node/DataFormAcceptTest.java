package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.ValuesRefused;
import io.floe.engine.config.DataForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A form takes its declared fields only, each as its type allows, and gives them to tasks as FLOE_VALUE_*. */
class DataFormAcceptTest {
    private final DataForm form = DataForm.of(Map.of("form", Map.of("title", "T", "fields", List.of(
            Map.of("id", "on", "type", "bool"), Map.of("id", "n", "type", "integer"),
            Map.of("id", "x", "type", "decimal"), Map.of("id", "pick", "type", "radio", "choices", List.of("a", 2)),
            Map.of("id", "release-tag.v2", "type", "text", "value", "v0"),
            Map.of("id", "pw", "type", "password")))));

    @Test
    void acceptedValuesAreKeptAsText() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("on", "TRUE");
        in.put("n", 7.0);
        in.put("x", "-1.5e3");
        in.put("pick", 2.0);
        in.put("release-tag.v2", 12);
        in.put("pw", "");
        assertThat(form.accept("here", in)).containsExactly(Map.entry("on", "true"), Map.entry("n", "7"),
                Map.entry("x", "-1.5e3"), Map.entry("pick", "2"), Map.entry("release-tag.v2", "12"),
                Map.entry("pw", ""));
    }

    @Test
    void refusedValuesNameTheFieldAndNeverShowAPassword() {
        assertThatThrownBy(() -> form.accept("here", Map.of("n", "1e3"))).isInstanceOf(ValuesRefused.class)
                .hasMessage("field n of the form 'T' of here takes a whole number, not '1e3'");
        assertThatThrownBy(() -> form.accept("here", Map.of("x", "NaN"))).hasMessageContaining("takes a number");
        assertThatThrownBy(() -> form.accept("here", Map.of("pick", "b")))
                .hasMessageContaining("takes one of its options (a, 2), not 'b'");
        assertThatThrownBy(() -> form.accept("here", Map.of("pw", List.of("hunter2"))))
                .hasMessage("field pw of the form 'T' of here takes text, not the value sent");
        assertThatThrownBy(() -> DataForm.of(Map.of()).accept("trigger go of flow f", Map.of("a", "1")))
                .hasMessage("the form of trigger go of flow f has no field a: it takes no values");
    }

    @Test
    void variableNamesComeFromFieldIds() {
        assertThat(ValueVariables.name("release-tag.v2")).isEqualTo("FLOE_VALUE_RELEASE_TAG_V2");
        assertThat(ValueVariables.name("Ünï code$x")).isEqualTo("FLOE_VALUE__N__CODE_X");
        Map<String, String> vars = new LinkedHashMap<>();
        ValueVariables.add(vars, form, Map.of("on", "true", "release-tag.v2", List.of("not", "text")));
        assertThat(vars).containsEntry("FLOE_VALUE_ON", "true").containsEntry("FLOE_VALUE_RELEASE_TAG_V2", "v0")
                .containsEntry("FLOE_VALUE_N", "").hasSize(6);
    }
}
