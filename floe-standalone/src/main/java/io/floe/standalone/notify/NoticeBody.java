package io.floe.standalone.notify;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.floe.engine.config.NotifyTarget;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The bytes POSTed for a notice: floe's JSON document, or a Slack-compatible {@code {"text": …}}. */
final class NoticeBody {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private NoticeBody() {}

    static byte[] of(Notice n, NotifyTarget.Format format) {
        String json = switch (format) {
            case JSON -> GSON.toJson(n);
            case SLACK -> GSON.toJson(Map.of("text", slackText(n)));
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** One line a person reads in a channel; Slack's mrkdwn wants &, < and > escaped, links as {@code <url|text>}. */
    static String slackText(Notice n) {
        String what = "data-waiting".equals(n.event())
                ? "waits for data at " + escape(n.node().name().isEmpty() ? n.node().id() : n.node().name())
                : "ended " + n.result();
        String who = n.startedBy().name().isEmpty() ? n.startedBy().kind()
                : n.startedBy().kind() + " " + n.startedBy().name();
        String run = n.link().isEmpty() ? n.run() : "<" + n.link() + "|" + n.run() + ">";
        String flow = n.flow().name().isEmpty() ? n.flow().id() : n.flow().name();
        return "floe: " + escape(flow) + " run " + run + " " + what + " (started by " + escape(who) + ")";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
