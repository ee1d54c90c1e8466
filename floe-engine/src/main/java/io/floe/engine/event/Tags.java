package io.floe.engine.event;

/** The event tags floe uses, and the rules about them (floe-spec §3.2). */
public final class Tags {
    public static final String TRIGGER_GOOD = "trigger.good";
    public static final String SYS_STATE = "sys.state";
    public static final String SYS_NODE_START = "sys.node.start";
    public static final String SYS_NODE_UPDATE = "sys.node.update";
    public static final String SYS_DATA_REQUIRED = "sys.data.required";
    public static final String SYS_END_ALL = "sys.end.all";
    /** New in floe for the JVM: a run or a trigger could not proceed (flow-file failed, dispatch refused…). */
    public static final String SYS_ERROR = "sys.error";
    public static final String INBOUND_PREFIX = "inbound.";
    public static final String INBOUND_DATA = "inbound.data";

    public static final String ACTION_ADD_PEND = "add-pend";
    public static final String ACTION_ACTIVATE = "activate";
    public static final String ACTION_REMOVE_PEND = "remove-pend";

    private Tags() {}

    /** A system tag starts with {@code sys.}; the hub never routes system events to nodes. */
    public static boolean isSystem(String tag) {
        return tag != null && tag.length() >= 3 && tag.startsWith("sys.");
    }

    public static boolean isInbound(String tag) {
        return tag != null && tag.startsWith("inbound");
    }

    /** The trigger type an inbound tag names: {@code inbound.timer} gives {@code timer}. */
    public static String inboundType(String tag) {
        return tag.startsWith(INBOUND_PREFIX) ? tag.substring(INBOUND_PREFIX.length()) : "";
    }

    public static String inbound(String triggerType) {
        return INBOUND_PREFIX + triggerType;
    }

    /** {@code task.<id>.<suffix>}: suffix is good, bad, error, or an exit status. */
    public static String task(String nodeId, String suffix) {
        return "task." + nodeId + "." + suffix;
    }

    public static String mergeGood(String nodeId) {
        return "merge." + nodeId + ".good";
    }
}
