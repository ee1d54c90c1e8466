package io.floe.standalone.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of a host's routing thread ({@code floe-hub-<host>}) in this JVM, and how long it was blocked on a lock:
 * tells whether something slowed the routing itself or only took the machine's CPU from it.
 */
final class HubThreadClock {
    /** CPU and blocked time since {@link #start}, in milliseconds. */
    record Reading(double cpuMillis, long blockedMillis, long blockedCount) {}

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long id;
    private long cpu0;
    private long blocked0;
    private long blockedCount0;

    HubThreadClock(String hostId) {
        if (threads.isThreadContentionMonitoringSupported()) {
            threads.setThreadContentionMonitoringEnabled(true);
        }
        id = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("floe-hub-" + hostId)).findFirst()
                .orElseThrow(() -> new AssertionError("no routing thread floe-hub-" + hostId + " in this JVM"))
                .getId();
    }

    void start() {
        ThreadInfo info = threads.getThreadInfo(id);
        cpu0 = threads.getThreadCpuTime(id);
        blocked0 = info.getBlockedTime();
        blockedCount0 = info.getBlockedCount();
    }

    Reading read() {
        ThreadInfo info = threads.getThreadInfo(id);
        return new Reading((threads.getThreadCpuTime(id) - cpu0) / 1e6, info.getBlockedTime() - blocked0,
                info.getBlockedCount() - blockedCount0);
    }
}
