package io.floe.engine.json;

import com.google.gson.ExclusionStrategy;
import com.google.gson.FieldAttributes;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The JSON of floe's wire format and store, compatible with the original: field names as annotated
 * ({@code RunRef}, {@code ID}…), times in RFC 3339 with the zero time {@code 0001-01-01T00:00:00Z} for "never",
 * numbers in free maps read as long when whole and double otherwise, and {@link Local} fields left out.
 */
public final class Json {
    /** Go's zero time, which the original's clients compare against literally. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final ExclusionStrategy LOCAL = new ExclusionStrategy() {
        @Override
        public boolean shouldSkipField(FieldAttributes f) {
            return f.getAnnotation(Local.class) != null;
        }

        @Override
        public boolean shouldSkipClass(Class<?> clazz) {
            return false;
        }
    };

    private static final Gson GSON = build(false);
    private static final Gson PRETTY = build(true);

    private Json() {}

    public static Gson gson() {
        return GSON;
    }

    /** Two-space indented, as the original's API answers. */
    public static Gson pretty() {
        return PRETTY;
    }

    public static String write(Object o) {
        return GSON.toJson(o);
    }

    public static <T> T read(String json, Class<T> type) {
        return GSON.fromJson(json, type);
    }

    private static Gson build(boolean pretty) {
        GsonBuilder b = new GsonBuilder()
                .disableHtmlEscaping()
                .serializeNulls()
                .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
                .registerTypeAdapter(Instant.class, new InstantAdapter())
                .addSerializationExclusionStrategy(LOCAL)
                .addDeserializationExclusionStrategy(LOCAL);
        if (pretty) {
            b.setPrettyPrinting();
        }
        return b.create();
    }

    /** Null and the zero time are the same "never". */
    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value == null ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(value));
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String s = in.nextString();
            if (s.isEmpty() || s.startsWith("0001-01-01")) {
                return null;
            }
            return java.time.OffsetDateTime.parse(s).toInstant();
        }
    }
}
