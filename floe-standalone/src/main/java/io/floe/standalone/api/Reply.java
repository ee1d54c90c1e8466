package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.json.Json;
import io.javalin.http.Context;

/**
 * The original's answer envelope {@code {"Message": "...", "Payload": ...}}, pretty-printed with two spaces. A 200 with
 * no message says {@code OK}.
 */
public record Reply(@SerializedName("Message") String message, @SerializedName("Payload") Object payload) {

    public static void ok(Context ctx, Object payload) {
        send(ctx, 200, "OK", payload);
    }

    /** Set on a request once it has its reply, so the server's error pages leave it alone. */
    public static final String REPLIED = "floe.replied";

    public static void send(Context ctx, int status, String message, Object payload) {
        ctx.attribute(REPLIED, Boolean.TRUE);
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(Json.pretty().toJson(new Reply(message == null || message.isEmpty() && status == 200 ? "OK"
                : message, payload)));
    }

    /** An error reply; the message says what was wrong. */
    public static void fail(Context ctx, int status, String message) {
        send(ctx, status, message, null);
    }
}
