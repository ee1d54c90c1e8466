package io.floe.standalone.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What task processes really did, as they wrote it themselves outside the host's store: one line
 * {@code <run> <node> start|end} each time a task's process started or finished its work.
 */
record ExecutionLog(Map<String, Counts> byRunAndNode) {
    /** How often one node of one run started and finished. */
    record Counts(int starts, int ends) {}

    /** The bash script every task of the crash flows runs: {@code step.sh <node>}. */
    static String script(Path log) {
        return """
                #!/bin/bash
                run=$(basename "$FLOEWS")
                echo "$run $1 start" >> '%1$s'
                sleep 0.$((RANDOM %% 4))
                echo "$run $1 end" >> '%1$s'
                """.formatted(log);
    }

    static ExecutionLog read(Path log) throws IOException {
        Map<String, int[]> counts = new TreeMap<>();
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        for (String line : lines) {
            String[] p = line.trim().split(" ");
            if (p.length != 3) {
                throw new AssertionError("a torn line in the execution log: '" + line + "'");
            }
            int[] c = counts.computeIfAbsent(key(p[0], p[1]), k -> new int[2]);
            c[p[2].equals("start") ? 0 : 1]++;
        }
        Map<String, Counts> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new Counts(c[0], c[1])));
        return new ExecutionLog(out);
    }

    Counts of(String run, String node) {
        return byRunAndNode.getOrDefault(key(run, node), new Counts(0, 0));
    }

    int totalStarts() {
        return byRunAndNode.values().stream().mapToInt(Counts::starts).sum();
    }

    static String key(String run, String node) {
        return run + " " + node;
    }
}
