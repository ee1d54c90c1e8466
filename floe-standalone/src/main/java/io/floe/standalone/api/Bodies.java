package io.floe.standalone.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.floe.engine.json.Json;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JSON request bodies as the original did: keys matched case-insensitively ({@code user} or {@code User}).
 * Bad JSON is a 400 naming the problem.
 */
public final class Bodies {
    /** The largest body any API route accepts; larger ones are refused before they are read whole. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private Bodies() {}

    /** Parses the body into {@code type}, after normalising every object key to the case of the type's fields. */
    public static <T> T read(Context ctx, Class<T> type) {
        String text = text(ctx);
        JsonElement tree;
        try {
            tree = JsonParser.parseString(text.isBlank() ? "{}" : text);
        } catch (RuntimeException e) {
            throw new ApiException(400, "decoding json failed", cause(e));
        }
        if (!tree.isJsonObject()) {
            throw new ApiException(400, "decoding json failed", "the body must be a JSON object");
        }
        try {
            return Json.gson().fromJson(canonical(tree.getAsJsonObject(), type), type);
        } catch (RuntimeException e) {
            throw new ApiException(400, "decoding json failed", cause(e));
        }
    }

    /** The body as text, refusing one over {@link #MAX_BYTES}. */
    public static String text(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BYTES) {
            throw new ApiException(413, "request body too large: " + length + " bytes, at most " + MAX_BYTES);
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "request body too large: at most " + MAX_BYTES + " bytes");
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Renames keys to the spelling of the type's JSON names, ignoring case, down through nested records. */
    private static JsonObject canonical(JsonObject in, Class<?> type) {
        Map<String, java.lang.reflect.RecordComponent> components = new java.util.HashMap<>();
        if (type.isRecord()) {
            for (var c : type.getRecordComponents()) {
                components.put(jsonName(c).toLowerCase(Locale.ROOT), c);
            }
        }
        JsonObject out = new JsonObject();
        for (var e : in.entrySet()) {
            var c = components.get(e.getKey().toLowerCase(Locale.ROOT));
            JsonElement value = e.getValue();
            if (c != null && c.getType().isRecord() && value.isJsonObject()) {
                value = canonical(value.getAsJsonObject(), c.getType());
            }
            out.add(c != null ? jsonName(c) : e.getKey(), value);
        }
        return out;
    }

    /** Gson's name for a component: its field's {@code @SerializedName}, else its own name. */
    private static String jsonName(java.lang.reflect.RecordComponent c) {
        try {
            var sn = c.getDeclaringRecord().getDeclaredField(c.getName())
                    .getAnnotation(com.google.gson.annotations.SerializedName.class);
            return sn != null ? sn.value() : c.getName();
        } catch (NoSuchFieldException e) {
            return c.getName();
        }
    }

    private static String cause(RuntimeException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
