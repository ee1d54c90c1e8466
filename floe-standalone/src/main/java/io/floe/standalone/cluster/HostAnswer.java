package io.floe.standalone.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What another host answered: the HTTP status and the {@code {"Message","Payload"}} envelope. A body that is not the
 * envelope (a proxy's error page, say) keeps its first characters as the message, so logs show what came back.
 */
public record HostAnswer(int status, String message, JsonElement payload) {

    public HostAnswer {
        message = message == null ? "" : message;
        payload = payload == null ? JsonNull.INSTANCE : payload;
    }

    public boolean ok() {
        return status == 200;
    }

    static HostAnswer parse(int status, String body) {
        try {
            JsonElement e = JsonParser.parseString(body == null ? "" : body);
            if (e.isJsonObject()) {
                JsonObject o = e.getAsJsonObject();
                JsonElement m = o.get("Message");
                String message = m == null || m.isJsonNull() ? ""
                        : m.isJsonPrimitive() ? m.getAsString() : m.toString();
                return new HostAnswer(status, message, o.get("Payload"));
            }
        } catch (RuntimeException notJson) {
            // fall through: keep the start of the body as the message
        }
        String text = body == null ? "" : body.strip();
        return new HostAnswer(status, text.length() > 200 ? text.substring(0, 200) + "…" : text, null);
    }

    @Override
    public String toString() {
        return status + " " + message;
    }
}
