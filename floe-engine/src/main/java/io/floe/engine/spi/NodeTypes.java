package io.floe.engine.spi;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.TypeCatalog;
import io.floe.engine.node.BuiltInTriggers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The node types one host knows: task types found with {@link ServiceLoader} (or given), the hub's own task types
 * {@code data} and {@code end}, and the trigger types.
 */
public final class NodeTypes implements TypeCatalog {
    /** Task types the hub handles itself. */
    public static final String DATA = "data";
    public static final String END = "end";

    private final Map<String, TaskType> tasks;
    private final Map<String, TriggerType> triggers;

    private NodeTypes(Map<String, TaskType> tasks, Map<String, TriggerType> triggers) {
        this.tasks = Collections.unmodifiableMap(new TreeMap<>(tasks));
        this.triggers = Collections.unmodifiableMap(new TreeMap<>(triggers));
    }

    /** The task and trigger types on the class path of {@code loader}. */
    public static NodeTypes discover(ClassLoader loader) {
        Map<String, TaskType> tasks = new TreeMap<>();
        for (TaskType t : ServiceLoader.load(TaskType.class, loader)) {
            tasks.putIfAbsent(t.name(), t);
        }
        Map<String, TriggerType> triggers = new TreeMap<>();
        for (TriggerType t : ServiceLoader.load(TriggerType.class, loader)) {
            triggers.putIfAbsent(t.name(), t);
        }
        for (TriggerType t : BuiltInTriggers.all()) {
            triggers.putIfAbsent(t.name(), t);
        }
        return new NodeTypes(tasks, triggers);
    }

    /** The types found with this library's class loader. */
    public static NodeTypes discover() {
        return discover(NodeTypes.class.getClassLoader());
    }

    /** A copy with {@code extra} task types added (replacing any of the same name). */
    public NodeTypes with(TaskType... extra) {
        Map<String, TaskType> t = new TreeMap<>(tasks);
        for (TaskType e : extra) {
            t.put(e.name(), e);
        }
        return new NodeTypes(t, triggers);
    }

    /** A copy with {@code extra} trigger types added (replacing any of the same name). */
    public NodeTypes with(TriggerType... extra) {
        Map<String, TriggerType> t = new TreeMap<>(triggers);
        for (TriggerType e : extra) {
            t.put(e.name(), e);
        }
        return new NodeTypes(tasks, t);
    }

    public Optional<TaskType> task(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    public Optional<TriggerType> trigger(String name) {
        return Optional.ofNullable(triggers.get(name));
    }

    @Override
    public Set<String> taskTypes() {
        Set<String> names = new TreeSet<>(tasks.keySet());
        names.add(DATA);
        names.add(END);
        return names;
    }

    @Override
    public Set<String> triggerTypes() {
        return new TreeSet<>(triggers.keySet());
    }

    @Override
    public List<String> check(NodeConfig node) {
        List<String> out = new ArrayList<>();
        if (node.isTrigger()) {
            trigger(node.type()).ifPresent(t -> out.addAll(t.check(node)));
        } else if (node.isTask()) {
            task(node.type()).ifPresent(t -> out.addAll(t.check(node)));
        }
        return out;
    }
}
