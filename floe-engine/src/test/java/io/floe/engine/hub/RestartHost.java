package io.floe.engine.hub;

import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.json.Json;
import io.floe.engine.spi.NodeTypes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host in a JVM of its own, for tests that kill it with SIGKILL. Prints {@code EVENT <json>} per event on stdout and
 * takes commands on stdin: {@code trigger FLOW TRIGGER}, {@code data RUN NODE k=v…}, {@code cancel RUN}.
 * Usage: {@code RestartHost CONFIG ROOT}.
 */
public final class RestartHost {
    private RestartHost() {}

    public static void main(String[] args) throws Exception {
        FloeConfig cfg = ConfigLoader.load(Path.of(args[0]), NodeTypes.discover());
        Floe floe = Floe.builder(cfg).hostId("h1").workspaceRoot(Path.of(args[1])).build();
        floe.observe(e -> {
            synchronized (System.out) {
                System.out.println("EVENT " + Json.write(e));
                System.out.flush();
            }
        });
        floe.start();
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "trigger" -> floe.trigger(w[1], w[2], Map.of()).join();
                case "data" -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 3; i < w.length; i++) {
                        String[] kv = w[i].split("=", 2);
                        values.put(kv[0], kv[1]);
                    }
                    floe.supplyData(HostedRef.parse(w[1]).orElseThrow(), w[2], values).join();
                }
                case "cancel" -> floe.cancel(HostedRef.parse(w[1]).orElseThrow(), "test").join();
                default -> { }
            }
        }
        floe.close();
    }
}
