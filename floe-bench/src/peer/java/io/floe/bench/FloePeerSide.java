package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.event.Subscription;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.store.local.LocalRunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** floe's side of figure 13: a host on the local store with the given durability, running the shape as two flows. */
final class FloePeerSide implements PeerShape {
    static final String FLOWS = """
            common: {store-type: local}
            flows:
              - id: noop3
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: a, listen: trigger.good, type: noop}
                  - {name: b, listen: trigger.good, type: noop}
                  - {name: c, listen: trigger.good, type: noop}
                  - {name: join, class: merge, type: all, wait: [task.a.good, task.b.good, task.c.good]}
                  - {name: done, listen: merge.join.good, type: end}
              - id: exec3
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: a, listen: trigger.good, type: exec, opts: {cmd: /bin/true}}
                  - {name: b, listen: trigger.good, type: exec, opts: {cmd: /bin/true}}
                  - {name: c, listen: trigger.good, type: exec, opts: {cmd: /bin/true}}
                  - {name: join, class: merge, type: all, wait: [task.a.good, task.b.good, task.c.good]}
                  - {name: done, listen: merge.join.good, type: end}
            """;

    private final Path root;
    private final LocalRunStore store;
    private final Floe floe;
    /** Each run's end, good or not, by run id: completed by the host's events, removed by the client that waited. */
    private final Map<String, CompletableFuture<Boolean>> ends = new ConcurrentHashMap<>();
    private final Subscription subscription;

    FloePeerSide(LocalRunStore.Durability durability, ProcessLauncher launcher) throws IOException {
        root = Engines.tempDir("peer-floe");
        store = LocalRunStore.open(root, durability);
        floe = Engines.start(FLOWS, root, launcher, store);
        subscription = floe.observe(e -> {
            if (e.runRef().run().id() != 0 && e.tag().equals("sys.end.all")) {
                end(e.runRef().run().toString()).complete(e.good());
            }
        });
    }

    @Override
    public ClosedLoop.Run run(Work work) {
        return () -> {
            String run = Engines.trigger(floe, work.flow, "go");
            boolean good = end(run).join();
            ends.remove(run);
            if (!good) {
                throw new IllegalStateException("floe's run " + run + " of " + work.flow + " did not end good");
            }
        };
    }

    private CompletableFuture<Boolean> end(String run) {
        return ends.computeIfAbsent(run, k -> new CompletableFuture<>());
    }

    @Override
    public void close() throws IOException {
        try (store; floe; subscription) {
            // closed in reverse: the observer, the host, then its store
        }
        Engines.delete(root);
    }
}
