package io.floe.engine.run;

import java.util.List;

/** One page of a run listing, and the cursor for the next page (null when this is the last). */
public record RunPage(List<RunRecord> runs, RunCursor next) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
