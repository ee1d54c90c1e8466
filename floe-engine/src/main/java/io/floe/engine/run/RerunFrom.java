package io.floe.engine.run;

/**
 * Where a re-run starts again: at the nodes of the old run that failed, were cancelled or interrupted
 * ({@link #FAILED}, written {@value #FAILED_WORD}), or at one named node. Everything the old run did well and that does
 * not follow from there is taken over, not done again.
 *
 * @param node the node id to start again at; empty for the failed nodes
 */
public record RerunFrom(String node) {
    /** How {@link #FAILED} is written in a request and in a run's provenance. */
    public static final String FAILED_WORD = "failed";
    public static final RerunFrom FAILED = new RerunFrom("");

    public RerunFrom {
        node = node == null ? "" : node.trim();
    }

    /**
     * A {@code from} as a request gives it: {@value #FAILED_WORD}, or a node id.
     *
     * @throws IllegalArgumentException when it is blank
     */
    public static RerunFrom parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("from is empty: give from=" + FAILED_WORD + " or from=<node id>");
        }
        return FAILED_WORD.equals(text.trim()) ? FAILED : new RerunFrom(text);
    }

    public boolean failed() {
        return node.isEmpty();
    }

    /** As a request and the provenance write it: {@value #FAILED_WORD} or the node id. */
    public String wire() {
        return failed() ? FAILED_WORD : node;
    }

    /** For people: {@code the failed steps} or {@code node build}. */
    public String describe() {
        return failed() ? "the failed steps" : "node " + node;
    }
}
