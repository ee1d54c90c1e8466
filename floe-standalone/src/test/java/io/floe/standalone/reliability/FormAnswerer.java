package io.floe.standalone.reliability;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.floe.standalone.api.Api;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Approves every data form of the crash flows as a person at the dashboard would, again and again: the active runs
 * of each flow get {@code POST <base>/push/data} for their {@code approve} node (a run that is not waiting answers
 * 409). It carries on through host crashes, when requests fail.
 */
final class FormAnswerer implements AutoCloseable {
    private final Api api;
    private final List<String> flows;
    private final Thread thread;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    FormAnswerer(Api api, List<String> flows) {
        this.api = api;
        this.flows = List.copyOf(flows);
        this.thread = new Thread(this::loop, "form-answerer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Forms the host accepted (a form posted just before a crash may have been accepted but not answered). */
    int accepted() {
        return accepted.get();
    }

    private void loop() {
        while (!closed) {
            for (String flow : flows) {
                try {
                    for (String run : activeRuns(api, flow)) {
                        Api.Answer a = api.post("/push/data", "{\"Run\":\"" + run
                                + "\",\"Form\":{\"ID\":\"approve\",\"Values\":{\"ok\":\"yes\"}}}", Api.admin());
                        if (a.status() == 200) {
                            accepted.incrementAndGet();
                        }
                    }
                } catch (UncheckedIOException | IllegalStateException hostDown) {
                    // the host is down or restarting: try again next round
                }
            }
            try {
                Thread.sleep(50); // a polling interval, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ids ({@code h1-7}) of the runs of {@code flow} that are active now. */
    static List<String> activeRuns(Api api, String flow) {
        return runs(api, flow, "Active");
    }

    /** Ids of the runs of {@code flow} in one list of its flow page: {@code Active}, {@code Pending}, {@code Archive}. */
    static List<String> runs(Api api, String flow, String list) {
        Api.Answer a = api.get("/flows/" + flow + "?limit=500", Api.admin());
        if (a.status() != 200) {
            throw new IllegalStateException("GET /flows/" + flow + " answered " + a.status() + ": " + a.body());
        }
        JsonElement runs = a.payload().getAsJsonObject().getAsJsonObject("Runs").get(list);
        if (runs == null || runs.isJsonNull()) {
            return List.of();
        }
        return runs.getAsJsonArray().asList().stream().map(r -> id(r.getAsJsonObject())).toList();
    }

    private static String id(JsonObject summary) {
        JsonObject run = summary.getAsJsonObject("Ref").getAsJsonObject("Run");
        return run.get("HostID").getAsString() + "-" + run.get("ID").getAsLong();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
