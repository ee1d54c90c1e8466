package io.jenkins.plugins.floe;

import io.floe.engine.view.RunNodeView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One node of a run as the graph page's table shows it (the page's content without JavaScript). */
public final class GraphNode {
    private final RunNodeView node;

    GraphNode(RunNodeView node) {
        this.node = node;
    }

    public String getId() {
        return node.id();
    }

    public String getName() {
        return node.name();
    }

    public String getType() {
        return node.type();
    }

    /** The state in words: success, failed, running, waiting for input, or not started. */
    public String getState() {
        if ("failed".equals(node.result())) {
            return "failed";
        }
        if ("success".equals(node.result())) {
            return "success";
        }
        return switch (node.status() == null ? "" : node.status()) {
            case "running" -> "running";
            case "waiting" -> node.enabled() ? "waiting for input" : "waiting";
            case "finished" -> "finished";
            default -> "not started";
        };
    }

    /** How long it ran, e.g. {@code 12 s}; blank when it never started. */
    public String getDuration() {
        Instant start = node.started();
        if (start == null || start.equals(Instant.EPOCH)) {
            return "";
        }
        Instant end = node.stopped() == null ? Instant.now() : node.stopped();
        long s = Math.max(0, Duration.between(start, end).toSeconds());
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    /** The last lines of its log. */
    public List<String> getLogs() {
        return node.logs() == null ? List.of() : node.logs();
    }

    /** The last lines of its log as one text, for a {@code <pre>}. */
    public String getLog() {
        return String.join("\n", getLogs());
    }

    public String getError() {
        return node.error() == null ? "" : node.error();
    }
}
