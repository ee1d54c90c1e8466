package io.floe.engine.store.local;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.TaskLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task logs kept in memory, for the memory store: lost when the process ends. Like {@link FileTaskLogs}, an appended
 * text is always one line; newlines inside it become spaces.
 */
public final class MemoryTaskLogs implements TaskLogs {
    private record LogKey(HostedRef run, String nodeId) {}

    private final Map<LogKey, List<String>> logs = new ConcurrentHashMap<>();

    @Override
    public void append(HostedRef run, String nodeId, String line) {
        List<String> log = logs.computeIfAbsent(new LogKey(run, nodeId), k -> new ArrayList<>());
        synchronized (log) {
            log.add(LogNames.oneLine(line));
        }
    }

    @Override
    public List<String> read(HostedRef run, String nodeId, long from, int max) {
        List<String> log = logs.get(new LogKey(run, nodeId));
        if (log == null || max <= 0) {
            return List.of();
        }
        synchronized (log) {
            long start = Math.max(0, from);
            if (start >= log.size()) {
                return List.of();
            }
            int end = (int) Math.min(log.size(), start + max);
            return List.copyOf(log.subList((int) start, end));
        }
    }

    @Override
    public long count(HostedRef run, String nodeId) {
        List<String> log = logs.get(new LogKey(run, nodeId));
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return log.size();
        }
    }

    /** Nothing to do: lines are visible to readers as soon as they are appended. */
    @Override
    public void flush(HostedRef run, String nodeId) {}
}
