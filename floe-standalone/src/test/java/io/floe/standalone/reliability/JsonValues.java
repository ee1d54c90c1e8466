package io.floe.standalone.reliability;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** jqwik generators of JSON: values of every kind, with the API's own field names and tricky strings and numbers. */
final class JsonValues {
    /** Field names the API reads, in the spellings clients use. */
    static final List<String> KEYS = List.of("Ref", "ID", "Ver", "Run", "Form", "Values", "User", "Password", "user",
            "password", "Flow", "TriggeredNode", "Opts", "Adopted", "FlowRef", "HostID", "ExecHost", "Class",
            "Triggers", "Tasks", "id", "ver", "name", "type", "listen", "wait", "opts", "ref", "run", "form");
    /** Strings that have broken parsers and paths before. */
    static final List<String> STRINGS = List.of("", " ", "h1-1", "h1-0", "h1--1", "hi1-1", "hi1-999999999999",
            "hi1-9223372036854775808", "-1", "fuzz-form", "go", "approve", "ok", "../../etc/passwd", "..", "/", "\\",
            "%2e%2e", "\u0000", "\uD800", "ü", "<script>", "' OR 1=1 --", "${jndi:ldap://x}", "{{ws}}", "$(id)",
            "1e999", "NaN", "null", "true", "x".repeat(10_000), "2006-01-02T15:04:05Z", "0001-01-01T00:00:00Z",
            "not a time");

    private JsonValues() {}

    /** Any JSON value, nested at most {@code depth} deep. */
    static Arbitrary<JsonElement> value(int depth) {
        Arbitrary<JsonElement> scalar = Arbitraries.oneOf(
                Arbitraries.of(STRINGS).map(s -> (JsonElement) new JsonPrimitive(s)),
                Arbitraries.strings().ofMaxLength(30).map(s -> (JsonElement) new JsonPrimitive(s)),
                Arbitraries.of(0L, -1L, 1L, 2L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L)
                        .map(n -> (JsonElement) new JsonPrimitive(n)),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-0.0"), new BigDecimal("1.5"),
                        new BigDecimal("123456789012345678901234567890")).map(n -> (JsonElement) new JsonPrimitive(n)),
                Arbitraries.of(true, false).map(b -> (JsonElement) new JsonPrimitive(b)),
                Arbitraries.just(JsonNull.INSTANCE));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonElement> array = value(depth - 1).list().ofMaxSize(4).map(l -> {
            JsonArray a = new JsonArray();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(3, object(depth - 1)));
    }

    /** A JSON object whose keys are mostly the API's own. */
    static Arbitrary<JsonElement> object(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(KEYS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
        return Arbitraries.maps(key, value(depth)).ofMaxSize(5).map(JsonValues::objectOf);
    }

    static JsonObject objectOf(Map<String, JsonElement> fields) {
        JsonObject o = new JsonObject();
        fields.forEach(o::add);
        return o;
    }

    /** Request bodies: mostly JSON objects, sometimes other JSON or not JSON at all. */
    static Arbitrary<String> body() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, object(3).map(JsonElement::toString)),
                Tuple.of(1, value(2).map(JsonElement::toString)),
                Tuple.of(1, Arbitraries.of("", "{", "}", "[", "{\"Ref\":", "\u0000", "{\"a\":1}{\"b\":2}",
                        "{\"Form\":{\"Values\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}}", "null")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60)));
    }
}
