package io.floe.engine.hub;

import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.RunStore;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A real host on a temp folder with a memory store, recording its events. */
public final class TestHost implements AutoCloseable {
    public final Floe floe;
    public final EventRecorder events = new EventRecorder();
    private final RunStore store;

    private TestHost(Floe floe, RunStore store) {
        this.floe = floe;
        this.store = store;
    }

    public static TestHost start(String yaml, Path dir) throws Exception {
        return start(yaml, dir, b -> b);
    }

    public static TestHost start(String yaml, Path dir, UnaryOperator<Floe.Builder> custom) throws Exception {
        return start(yaml, dir, new MemoryRunStore(), custom);
    }

    public static TestHost start(String yaml, Path dir, RunStore store, UnaryOperator<Floe.Builder> custom)
            throws Exception {
        return start(yaml, dir, store, NodeTypes.discover(), custom);
    }

    /** A host that also knows the task types of {@code types}, e.g. {@link NoopTask#types()}. */
    public static TestHost start(String yaml, Path dir, NodeTypes types) throws Exception {
        return start(yaml, dir, new MemoryRunStore(), types, b -> b);
    }

    /** A host on {@code store} that knows the task types of {@code types}. */
    public static TestHost start(String yaml, Path dir, RunStore store, NodeTypes types) throws Exception {
        return start(yaml, dir, store, types, b -> b);
    }

    private static TestHost start(String yaml, Path dir, RunStore store, NodeTypes types,
            UnaryOperator<Floe.Builder> custom) throws Exception {
        FloeConfig cfg = ConfigLoader.parse(yaml, "test.yml", dir, types);
        Floe floe = custom.apply(Floe.builder(cfg).hostId("h1").workspaceRoot(dir).store(store).types(types))
                .build();
        TestHost h = new TestHost(floe, store);
        floe.observe(h.events);
        floe.start();
        return h;
    }

    /** Fires a trigger and returns the new run's id. */
    public HostedRef trigger(String flow, String trigger, Map<String, Object> values) {
        var outcome = floe.trigger(flow, trigger, values).join();
        if (outcome.pends().isEmpty()) {
            throw new AssertionError("trigger started nothing: " + outcome.errors());
        }
        return outcome.pends().get(0).id();
    }

    public HostedRef trigger(String flow) {
        return trigger(flow, floe.config().latest(flow).orElseThrow().triggers().get(0).id(), Map.of());
    }

    public StoredRun stored(HostedRef run) {
        return floe.run(run).orElseThrow(() -> new AssertionError("no run " + run + " in the store"));
    }

    @Override
    public void close() {
        floe.close();
        store.close();
    }
}
