package io.floe.standalone.reliability;

import io.floe.standalone.api.Api;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts the crash suite's runs, each with its own sequence number in the form, and remembers what the host answered:
 * a run id (the run is saved as a pend and must reach the archive), or nothing because the host died first (the run
 * may or may not exist, but never twice).
 */
final class Triggers {
    /** Flows the runs alternate between. */
    static final String[] FLOWS = {"crash", "crash-queue"};
    /** The answer to a trigger whose request failed, most likely because the host was killed. */
    static final String UNANSWERED = "?";

    private final Map<Integer, String> outcomes = new ConcurrentHashMap<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private int next;

    /** Triggers sent so far. */
    synchronized int sent() {
        return next;
    }

    /** Sequence number → run id, or {@link #UNANSWERED}. */
    Map<Integer, String> outcomes() {
        return new TreeMap<>(outcomes);
    }

    /** Answers other than 200 to a trigger: there should be none. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Fires {@code count} runs from another thread, a few milliseconds apart, while the caller picks a moment. */
    Thread fire(Api api, int count, Random random) {
        int[] seqs = new int[count];
        synchronized (this) {
            for (int i = 0; i < count; i++) {
                seqs[i] = next++;
            }
        }
        long[] gaps = random.longs(count, 0, 200).toArray();
        Thread t = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                fireOne(api, seqs[i]);
                try {
                    Thread.sleep(gaps[i]); // spreads the triggers over the moments a crash may hit
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "crash-triggers");
        t.start();
        return t;
    }

    private void fireOne(Api api, int seq) {
        String flow = FLOWS[seq % FLOWS.length];
        try {
            Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"go\","
                    + "\"Values\":{\"seq\":\"" + seq + "\"}}}", Api.admin());
            if (a.status() != 200) {
                refusals.add("trigger " + seq + " of " + flow + ": " + a.status() + " " + a.body());
                return;
            }
            outcomes.put(seq, a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString());
        } catch (UncheckedIOException | IllegalStateException hostDown) {
            outcomes.put(seq, UNANSWERED);
        }
    }
}
