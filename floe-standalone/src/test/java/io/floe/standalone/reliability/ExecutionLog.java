package io.floe.standalone.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What task processes really did, as they wrote it themselves outside the host's store: one line
 * {@code <run> <node> start|tick|end <epoch nanos>} each time a task's process started its work, went on with it, or
 * finished it.
 */
record ExecutionLog(Map<String, Counts> byRunAndNode, Map<String, List<Instant>> writesByRunAndNode) {
    /** How often one node of one run started and finished. */
    record Counts(int starts, int ends) {}

    /**
     * The bash script every task of the crash flows runs: {@code step.sh <node>}. Node {@code left} works for about
     * 1.5 s, writing a tick every 100 ms, longer than a host takes to start again: a crash often finds it working,
     * and a process that outlived its host would be seen writing after the next host reported it interrupted.
     */
    static String script(Path log) {
        return """
                #!/bin/bash
                run=$(basename "$FLOEWS")
                echo "$run $1 start $(date +%%s%%N)" >> '%1$s'
                if [ "$1" = left ]; then
                  for i in $(seq 15); do echo "$run $1 tick $(date +%%s%%N)" >> '%1$s'; sleep 0.1; done
                else
                  sleep 0.$((RANDOM %% 4))
                fi
                echo "$run $1 end $(date +%%s%%N)" >> '%1$s'
                """.formatted(log);
    }

    static ExecutionLog read(Path log) throws IOException {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, List<Instant>> writes = new TreeMap<>();
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        for (String line : lines) {
            String[] p = line.trim().split(" ");
            if (p.length != 4) {
                throw new AssertionError("a torn line in the execution log: '" + line + "'");
            }
            int[] c = counts.computeIfAbsent(key(p[0], p[1]), k -> new int[2]);
            switch (p[2]) {
                case "start" -> c[0]++;
                case "end" -> c[1]++;
                case "tick" -> { }
                default -> throw new AssertionError("an unknown step in the execution log: '" + line + "'");
            }
            writes.computeIfAbsent(key(p[0], p[1]), k -> new ArrayList<>())
                    .add(Instant.ofEpochSecond(0, Long.parseLong(p[3])));
        }
        Map<String, Counts> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new Counts(c[0], c[1])));
        return new ExecutionLog(out, writes);
    }

    /** When the task of {@code node} in {@code run} wrote its lines, as its own clock (this machine's) read. */
    List<Instant> writes(String run, String node) {
        return writesByRunAndNode.getOrDefault(key(run, node), List.of());
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
