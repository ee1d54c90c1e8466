package io.floe.engine.config;

import io.floe.engine.node.Durations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one trigger, task or merge (floe-spec §2.4) and applies the original's rules: id/name derivation, class
 * defaults and checks, merge type default. On top it checks what the original only found at run time: the type is
 * one the host knows, the node type's own check passes, a task has a listen, a merge has waits, a timeout parses.
 */
final class NodeReader {
    static final List<String> KEYS = List.of("id", "name", "class", "type", "listen", "wait", "good", "ignore-fail",
            "use-status", "timeout", "opts");

    private final Problems problems;
    private final YamlValues values;
    private final TypeCatalog catalog;

    NodeReader(Problems problems, YamlValues values, TypeCatalog catalog) {
        this.problems = problems;
        this.values = values;
        this.catalog = catalog;
    }

    /**
     * The node at {@code path} (e.g. {@code flow 0 - task 2}), or null when it is not a map at all.
     *
     * @param underTriggers whether it is listed under {@code triggers} (else under {@code tasks})
     */
    NodeConfig read(Node node, boolean underTriggers, String path) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(YamlMap.line(node), path, "a node must be a map of its fields (" + String.join(", ", KEYS)
                    + "), not " + problems.describe(node));
            return null;
        }
        YamlMap m = YamlMap.of(mapping, path, problems, values, KEYS);
        String givenId = m.string("id");
        String givenName = m.string("name");
        String nodeClass = m.string("class");
        String type = m.string("type");
        String listen = m.string("listen");
        List<String> waits = m.strings("wait");
        List<Integer> good = m.integers("good", "a list of integers (exit codes)");
        boolean ignoreFail = m.bool("ignore-fail");
        boolean useStatus = m.bool("use-status");
        String timeout = m.string("timeout");
        Map<String, Object> opts = m.map("opts");

        String id;
        String name;
        try {
            IdName idName = IdName.derive(givenId, givenName);
            id = idName.id();
            name = idName.name();
        } catch (IllegalArgumentException e) {
            problems.error(m.has("id") ? m.lineOf("id") : m.line(), path, e.getMessage());
            id = "";
            name = IdName.trim(givenName);
        }

        if (nodeClass.isEmpty()) {
            nodeClass = underTriggers ? NodeClass.TRIGGER : NodeClass.TASK;
        }
        boolean classOk = checkClass(m, nodeClass, underTriggers, path);

        if (classOk && nodeClass.equals(NodeClass.TASK)) {
            if (!waits.isEmpty()) {
                problems.error(m.lineOf("wait"), path, "task nodes can not have waits");
            }
            if (listen.isEmpty()) {
                problems.error(m.line(), path, "task nodes need a listen tag, e.g. listen: trigger.good");
            }
        } else if (classOk && nodeClass.equals(NodeClass.MERGE)) {
            if (!listen.isEmpty()) {
                problems.error(m.lineOf("listen"), path, "merge nodes can not have listen set");
            }
            if (type.isEmpty()) {
                type = "all";
            } else if (!type.equals("all") && !type.equals("any")) {
                problems.error(m.lineOf("type"), path, "merge type '" + type + "' is unknown: use all or any");
            }
            if (waits.isEmpty()) {
                problems.error(m.line(), path, "merge nodes need at least one wait tag, e.g. wait: [task.a.good]");
            }
        }

        if (!timeout.isEmpty()) {
            if (Durations.parse(timeout).isEmpty()) {
                problems.error(m.lineOf("timeout"), path, "timeout '" + timeout
                        + "' is not a duration: write e.g. 90s, 10m, 1h30m, or a number of seconds");
            } else if (classOk && !nodeClass.equals(NodeClass.TASK)) {
                problems.warn(m.lineOf("timeout"), path, "timeout only applies to task nodes; ignored");
            }
        }

        ArtifactGlobs.problems(opts).forEach(message -> problems.error(m.keyLineOf("opts"), path, message));
        NodeConfig result = new NodeConfig(nodeClass, null, id, name, listen, waits, type, good, ignoreFail,
                useStatus, timeout, opts, m.line());
        if (classOk && catalog != null && !result.isMerge()) {
            checkType(m, result, path);
        }
        return result;
    }

    private boolean checkClass(YamlMap m, String nodeClass, boolean underTriggers, String path) {
        if (underTriggers && !nodeClass.equals(NodeClass.TRIGGER)) {
            problems.error(m.lineOf("class"), path, "nodes under triggers must be of class trigger, not '"
                    + nodeClass + "'");
            return false;
        }
        if (!underTriggers && nodeClass.equals(NodeClass.TRIGGER)) {
            problems.error(m.lineOf("class"), path, "trigger nodes belong under triggers, not tasks");
            return false;
        }
        if (!underTriggers && !nodeClass.equals(NodeClass.TASK) && !nodeClass.equals(NodeClass.MERGE)) {
            problems.error(m.lineOf("class"), path, "class '" + nodeClass + "' is unknown: use task or merge");
            return false;
        }
        return true;
    }

    private void checkType(YamlMap m, NodeConfig node, String path) {
        Set<String> known = new TreeSet<>(node.isTrigger() ? catalog.triggerTypes() : catalog.taskTypes());
        String kind = node.isTrigger() ? "trigger" : "task";
        if (node.type().isEmpty()) {
            problems.error(m.line(), path, kind + " nodes need a type (known: " + String.join(", ", known) + ")");
            return;
        }
        if (!known.contains(node.type())) {
            problems.error(m.lineOf("type"), path, "unknown " + kind + " type '" + node.type() + "' (known: "
                    + String.join(", ", known) + ")");
            return;
        }
        for (String message : catalog.check(node)) {
            problems.error(m.has("opts") ? m.keyLineOf("opts") : m.line(), path, message);
        }
    }
}
