package io.floe.standalone.cluster;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.api.Api;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real hosts on loopback for multi-host tests: each has a fixed free port (so the hosts can list each other before
 * they start, and a host can come back on the same address), its own root folder and a local store. The hosts ping
 * each other every 200 ms instead of every few seconds.
 */
final class TestCluster implements AutoCloseable {
    static final String ADMIN = "cluster-test-admin";
    static final String FLOWS = "cluster-flows.yml";

    private final Path dir;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Host> running = new HashMap<>();
    private final String pingBefore;

    TestCluster(Path dir, String... names) {
        this.dir = dir;
        for (String n : names) {
            ports.put(n, freePort());
        }
        pingBefore = System.getProperty(ClusterSettings.PING_PERIOD_PROPERTY);
        System.setProperty(ClusterSettings.PING_PERIOD_PROPERTY, "200ms");
    }

    String url(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    int port(String name) {
        return ports.get(name);
    }

    /** Every host's address, in the order the names were given. */
    List<String> urls() {
        return ports.keySet().stream().map(this::url).toList();
    }

    /** The flows fixture with {@code hosts} listing {@code entries}. */
    static String yaml(List<String> entries) {
        return TestFlows.text(FLOWS).replace("HOSTS", String.join(", ", entries));
    }

    /** Starts host {@code name} listing every host of the cluster (itself included). */
    Host start(String name, String... tags) {
        return start(name, urls(), tags);
    }

    Host start(String name, List<String> entries, String... tags) {
        try {
            Path conf = writeConf(name, entries);
            FloeConfig cfg = ConfigLoader.load(conf, NodeTypes.discover());
            HostOptions o = new HostOptions(conf, name, List.of(tags), ADMIN, "127.0.0.1:" + ports.get(name), null,
                    null, "", null, null, root(name), false);
            Host h = Host.start(cfg, NodeTypes.discover(), o);
            running.put(name, h);
            return h;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (io.floe.engine.config.ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    Path writeConf(String name, List<String> entries) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve(name + ".yml");
        Files.writeString(conf, yaml(entries));
        return conf;
    }

    Path root(String name) {
        return dir.resolve(name + "-root");
    }

    /** Stops host {@code name} (its server and engine); its root stays for a restart. */
    void stop(String name) {
        Host h = running.remove(name);
        if (h != null) {
            h.close();
        }
    }

    Api api(String name) {
        return new Api(url(name), "/build/api");
    }

    @Override
    public void close() {
        for (String n : new ArrayList<>(running.keySet())) {
            stop(n);
        }
        if (pingBefore == null) {
            System.clearProperty(ClusterSettings.PING_PERIOD_PROPERTY);
        } else {
            System.setProperty(ClusterSettings.PING_PERIOD_PROPERTY, pingBefore);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- reading answers --------------------------------------------------------------------------------------

    /** Starts a run of {@code flow} by posting its start form; returns the run id the host answered. */
    static String trigger(Api api, String flow) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"start\","
                + "\"Values\":{}}}", admin());
        if (a.status() != 200) {
            throw new AssertionError("push to start " + flow + " answered " + a.status() + ": " + a.body());
        }
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    /** {@code GET /flows/<flow>}'s runs ({@code Active}, {@code Pending}, {@code Archive}). */
    static JsonObject runs(Api api, String flow, String query) {
        Api.Answer a = api.get("/flows/" + flow + query, admin());
        if (a.status() != 200) {
            throw new AssertionError("GET /flows/" + flow + " answered " + a.status() + ": " + a.body());
        }
        return a.payload().getAsJsonObject().getAsJsonObject("Runs");
    }

    static JsonObject runs(Api api, String flow) {
        return runs(api, flow, "");
    }

    /** The run ids of one list of a runs answer, in order. */
    static List<String> ids(JsonObject runs, String list) {
        List<String> out = new ArrayList<>();
        JsonElement e = runs.get(list);
        if (e != null && e.isJsonArray()) {
            for (JsonElement s : (JsonArray) e) {
                JsonObject run = s.getAsJsonObject().getAsJsonObject("Ref").getAsJsonObject("Run");
                out.add(run.get("HostID").getAsString() + "-" + run.get("ID").getAsLong());
            }
        }
        return out;
    }

    /** The summary of run {@code id} in any list of a runs answer. */
    static Optional<JsonObject> summary(JsonObject runs, String id) {
        for (String list : List.of("Active", "Pending", "Archive")) {
            JsonElement e = runs.get(list);
            if (e != null && e.isJsonArray()) {
                for (JsonElement s : (JsonArray) e) {
                    JsonObject run = s.getAsJsonObject().getAsJsonObject("Ref").getAsJsonObject("Run");
                    if (id.equals(run.get("HostID").getAsString() + "-" + run.get("ID").getAsLong())) {
                        return Optional.of(s.getAsJsonObject());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** True once run {@code id} is in the archive, ended good, on host {@code execHost}. */
    static boolean endedGoodOn(Api api, String flow, String id, String execHost) {
        return summary(runs(api, flow), id).filter(s -> s.get("Ended").getAsBoolean()).map(s -> {
            if (!s.get("Good").getAsBoolean()) {
                throw new AssertionError("run " + id + " ended bad: " + s);
            }
            return s.get("ExecHost").getAsString().equals(execHost);
        }).orElse(false);
    }

    static String status(Api api, String flow, String id) {
        return summary(runs(api, flow), id).map(s -> s.get("Status").getAsString()).orElse("");
    }

    static String[] admin() {
        return new String[] {"X-Floe-Auth", ADMIN};
    }

    /** Supplies the approve form of a {@code cluster-hold} run through {@code api}. */
    static Api.Answer approve(Api api, String run) {
        return api.post("/push/data", "{\"Run\":\"" + run + "\",\"Form\":{\"ID\":\"approve\",\"Values\":"
                + "{\"ok\":\"yes\"}}}", admin());
    }
}
