package io.floe.engine.config;

/** The three classes of node, spelled as in the YAML and the wire format. */
public final class NodeClass {
    public static final String TRIGGER = "trigger";
    public static final String TASK = "task";
    public static final String MERGE = "merge";

    private NodeClass() {}
}
