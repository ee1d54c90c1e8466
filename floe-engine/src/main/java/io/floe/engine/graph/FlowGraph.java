package io.floe.engine.graph;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Tags;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shape of one flow (floe-spec §6.4): which nodes react to which tag, which node feeds which, the levels to draw
 * it in, and what is wrong with its links. Built once from an immutable {@link FlowConfig} and immutable itself, so the
 * hub, the dashboard and the config checks all share one reading of a flow.
 *
 * <p>A node is the parent of another when it emits a tag the other listens for (a task) or waits on (a merge):
 * {@code task.<id>.<anything>} comes from task {@code <id>}, {@code merge.<id>.good} from merge {@code <id>}, and
 * {@code trigger.good} from every trigger. Levels: 0 holds the triggers, 1 the nodes started by {@code trigger.good}
 * (both in config order), and every other node reachable from them sits one level below its deepest parent (those
 * levels sorted by id). Loops, such as a retry, are cut where they close, so the layout always terminates.
 */
public final class FlowGraph {
    private static final String INVALID = "nodes are listening to invalid event: ";

    private final List<NodeConfig> triggers;
    private final Map<String, NodeConfig> nodesById;
    private final Map<String, FlowNodeKind> kinds;
    private final Map<String, List<NodeConfig>> listeners;
    private final List<FlowEdge> edges;
    private final List<List<String>> levels;
    private final List<String> unreachable;
    private final List<String> problems;

    private FlowGraph(FlowConfig flow) {
        this.triggers = flow.triggers();
        Map<String, NodeConfig> byId = new LinkedHashMap<>();
        for (NodeConfig n : flow.tasks()) {
            byId.putIfAbsent(n.id(), n); // a duplicate id is a config error; the first one wins here
        }
        this.nodesById = Collections.unmodifiableMap(byId);
        this.kinds = FlowNodeKind.of(flow);

        Map<String, List<NodeConfig>> index = new LinkedHashMap<>();
        List<FlowEdge> links = new ArrayList<>();
        Map<String, List<String>> children = new HashMap<>();
        List<String> seeds = new ArrayList<>();
        for (NodeConfig n : flow.tasks()) {
            for (String tag : tagsOf(n)) {
                index.computeIfAbsent(tag, t -> new ArrayList<>()).add(n);
                if (tag.equals(Tags.TRIGGER_GOOD)) {
                    for (NodeConfig t : triggers) {
                        links.add(new FlowEdge(t.id(), n.id(), tag));
                    }
                    if (!triggers.isEmpty() && byId.get(n.id()) == n) {
                        seeds.add(n.id());
                    }
                    continue;
                }
                String parent = parent(tag);
                if (parent != null) {
                    links.add(new FlowEdge(parent, n.id(), tag));
                    List<String> kids = children.computeIfAbsent(parent, p -> new ArrayList<>());
                    if (!kids.contains(n.id())) {
                        kids.add(n.id());
                    }
                }
            }
        }
        index.replaceAll((tag, nodes) -> List.copyOf(nodes));
        this.listeners = Collections.unmodifiableMap(index);
        this.edges = List.copyOf(links);

        Map<String, Integer> depth = longestPaths(seeds, children);
        this.levels = layout(depth);
        List<String> lost = new ArrayList<>();
        for (String id : byId.keySet()) {
            if (!depth.containsKey(id)) {
                lost.add(id);
            }
        }
        this.unreachable = List.copyOf(lost);
        this.problems = findProblems(flow);
    }

    /** The graph of {@code flow}. */
    public static FlowGraph of(FlowConfig flow) {
        return new FlowGraph(flow);
    }

    /** Task and merge nodes that react to {@code tag} (a task's listen, a merge's waits), in config order. */
    public List<NodeConfig> listeners(String tag) {
        return listeners.getOrDefault(tag, List.of());
    }

    /** What {@code tag} refers to in this flow. */
    public TagMatch match(String tag) {
        if (Tags.TRIGGER_GOOD.equals(tag)) {
            return triggers.isEmpty() ? TagMatch.UNMATCHED : TagMatch.MATCHED;
        }
        String[] parts = tag == null ? new String[0] : tag.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return TagMatch.MALFORMED;
        }
        return parent(tag) == null ? TagMatch.UNMATCHED : TagMatch.MATCHED;
    }

    /**
     * Node ids by drawing level: triggers, then the nodes {@code trigger.good} starts, then deeper nodes by longest
     * path. Nodes that can not be reached are left out (see {@link #unreachable()}).
     */
    public List<List<String>> levels() {
        return levels;
    }

    /** Ids of task and merge nodes that no trigger can lead to, in config order. */
    public List<String> unreachable() {
        return unreachable;
    }

    /**
     * What is wrong with the links, worded as the original's run graph did ({@code nodes are listening to invalid
     * event: <tag>}, {@code …: <tag>, that does not match a node}), plus one line naming unreachable nodes.
     */
    public List<String> problems() {
        return problems;
    }

    /** Every link from an emitting node to a listening (or waiting) node, in config order of the listeners. */
    public List<FlowEdge> edges() {
        return edges;
    }

    /** The node with this id among the tasks and merges, if any. */
    public Optional<NodeConfig> node(String id) {
        return Optional.ofNullable(nodesById.get(id));
    }

    /** The kind of non-trigger node {@code id}, decided when this graph was built; a task for an unknown id. */
    public FlowNodeKind kind(String id) {
        return kinds.getOrDefault(id, FlowNodeKind.TASK);
    }

    private static List<String> tagsOf(NodeConfig n) {
        if (n.isMerge()) {
            return new ArrayList<>(new LinkedHashSet<>(n.waits()));
        }
        return List.of(n.listen());
    }

    /** The id of the node that emits {@code tag}, or null when no node of this flow does. */
    private String parent(String tag) {
        String[] parts = tag.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        NodeConfig n = nodesById.get(parts[1]);
        if (n == null) {
            return null;
        }
        boolean emits = switch (parts[0]) {
            case "task" -> n.isTask() && !parts[2].isEmpty();
            case "merge" -> n.isMerge() && parts[2].equals("good"); // merges only ever emit good
            default -> false;
        };
        return emits ? n.id() : null;
    }

    /**
     * Longest path from the seeds (seed = 1). A depth-first walk in config order finds the edges that close a loop;
     * without them the graph is acyclic and a walk in reverse finishing order relaxes every node after its parents.
     */
    private static Map<String, Integer> longestPaths(List<String> seeds, Map<String, List<String>> children) {
        Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the current path, 2: done
        Set<FlowEdge> loopEdges = new HashSet<>();
        List<String> finished = new ArrayList<>();
        for (String seed : seeds) {
            if (state.containsKey(seed)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> next = new ArrayDeque<>();
            state.put(seed, 1);
            path.push(seed);
            next.push(0);
            while (!path.isEmpty()) {
                String at = path.peek();
                List<String> kids = children.getOrDefault(at, List.of());
                int i = next.pop();
                if (i < kids.size()) {
                    next.push(i + 1);
                    String kid = kids.get(i);
                    Integer s = state.get(kid);
                    if (s == null) {
                        state.put(kid, 1);
                        path.push(kid);
                        next.push(0);
                    } else if (s == 1) {
                        loopEdges.add(new FlowEdge(at, kid, ""));
                    }
                } else {
                    path.pop();
                    state.put(at, 2);
                    finished.add(at);
                }
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        for (String seed : seeds) {
            depth.put(seed, 1);
        }
        for (int i = finished.size() - 1; i >= 0; i--) {
            String at = finished.get(i);
            int d = depth.getOrDefault(at, 1);
            depth.put(at, d);
            for (String kid : children.getOrDefault(at, List.of())) {
                if (!loopEdges.contains(new FlowEdge(at, kid, ""))) {
                    depth.merge(kid, d + 1, Math::max);
                }
            }
        }
        return depth;
    }

    private List<List<String>> layout(Map<String, Integer> depth) {
        List<List<String>> out = new ArrayList<>();
        out.add(triggers.stream().map(NodeConfig::id).toList());
        List<String> first = new ArrayList<>();
        TreeMap<Integer, List<String>> deeper = new TreeMap<>();
        for (String id : nodesById.keySet()) { // config order
            Integer d = depth.get(id);
            if (d == null) {
                continue;
            }
            if (d == 1) {
                first.add(id);
            } else {
                deeper.computeIfAbsent(d, k -> new ArrayList<>()).add(id);
            }
        }
        if (!first.isEmpty()) {
            out.add(List.copyOf(first));
        }
        for (List<String> ids : deeper.values()) {
            Collections.sort(ids);
            out.add(List.copyOf(ids));
        }
        return List.copyOf(out);
    }

    private List<String> findProblems(FlowConfig flow) {
        Set<String> found = new LinkedHashSet<>();
        for (NodeConfig n : flow.tasks()) {
            for (String tag : tagsOf(n)) {
                switch (match(tag)) {
                    case MALFORMED -> found.add(INVALID + tag);
                    case UNMATCHED -> found.add(INVALID + tag + ", that does not match a node");
                    default -> { }
                }
            }
        }
        if (!unreachable.isEmpty()) {
            found.add("nodes can not be reached from any trigger: " + String.join(", ", unreachable));
        }
        return List.copyOf(found);
    }
}
