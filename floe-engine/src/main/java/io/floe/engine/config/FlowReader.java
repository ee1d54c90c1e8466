package io.floe.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one flow (floe-spec §2.3), from the {@code flows} list of a config or from a flow-file, with its triggers and
 * tasks, deriving ids and names and checking that node ids are unique within the flow.
 */
final class FlowReader {
    static final List<String> KEYS = List.of("id", "ver", "name", "reuse-space", "host-tags", "resource-tags", "env",
            "flow-file", "triggers", "tasks", NotifyReader.KEY);

    private final Problems problems;
    private final YamlValues values;
    private final NodeReader nodes;

    FlowReader(Problems problems, YamlValues values, TypeCatalog catalog) {
        this.problems = problems;
        this.values = values;
        this.nodes = new NodeReader(problems, values, catalog);
    }

    /**
     * The flow at {@code path} ({@code flow 3}, or empty for a flow-file), or null when it is not a map.
     *
     * @param source the file name to remember in the flow, for later messages
     */
    FlowConfig read(Node node, String path, String source) {
        if (!(node instanceof MappingNode mapping)) {
            problems.error(YamlMap.line(node), path, "a flow must be a map of its fields (" + String.join(", ", KEYS)
                    + "), not " + problems.describe(node));
            return null;
        }
        YamlMap m = YamlMap.of(mapping, path, problems, values, KEYS);
        String givenId = m.string("id");
        String givenName = m.string("name");
        int ver = m.integer("ver");
        boolean reuseSpace = m.bool("reuse-space");
        List<String> hostTags = m.strings("host-tags");
        List<String> resourceTags = m.strings("resource-tags");
        List<String> env = m.strings("env");
        String flowFile = m.string("flow-file");

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

        List<NodeConfig> triggers = readNodes(m, "triggers", true, path);
        List<NodeConfig> tasks = readNodes(m, "tasks", false, path);
        List<NodeConfig> all = new ArrayList<>(triggers);
        all.addAll(tasks);
        checkUniqueIds(all, path);
        return new FlowConfig(id, ver, flowFile, name, reuseSpace, hostTags, resourceTags, env, triggers, tasks,
                source, m.line(), NotifyReader.read(m, path, problems, values));
    }

    private List<NodeConfig> readNodes(YamlMap m, String key, boolean triggers, String path) {
        List<NodeConfig> out = new ArrayList<>();
        List<Node> items = m.items(key, "a list of nodes");
        for (int i = 0; i < items.size(); i++) {
            String nodePath = Problems.join(path, (triggers ? "trigger " : "task ") + i);
            NodeConfig n = nodes.read(items.get(i), triggers, nodePath);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** Triggers and tasks share one id space: events name nodes by id alone. */
    private void checkUniqueIds(List<NodeConfig> all, String path) {
        Map<String, List<NodeConfig>> byId = new LinkedHashMap<>();
        for (NodeConfig n : all) {
            if (!n.id().isEmpty()) {
                byId.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(n);
            }
        }
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                problems.error(same.get(1).line(), path, same.size() + " nodes have id: " + id);
            }
        });
    }
}
