package io.floe.engine.embed;

import io.floe.engine.json.Json;
import io.floe.engine.view.RunView;

/**
 * The JSON of a run graph as the run-graph module of the dashboard draws it (and the Jenkins plugin serves it): the
 * {@link RunView} in floe's wire format, {@code {FlowName, Name, Triggers, Graph, Unreachable, Edges, Summary}}.
 */
public final class GraphJson {
    private GraphJson() {}

    public static String of(RunView view) {
        return Json.write(view);
    }

    public static RunView read(String json) {
        return Json.read(json, RunView.class);
    }
}
