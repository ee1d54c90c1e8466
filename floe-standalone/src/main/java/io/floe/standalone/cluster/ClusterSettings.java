package io.floe.standalone.cluster;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * How a host talks to the other hosts of its cluster: how often it pings them, how long a connection and a request may
 * take, and how quickly a lost event stream is reopened.
 *
 * <p>The defaults suit a cluster on a LAN. A JVM system property changes the ping period, for example
 * {@code -Dfloe.cluster.ping-period=500ms} (units {@code ms}, {@code s}, {@code m}, or an ISO-8601 duration); tests
 * use it for a short period.
 *
 * @param pingPeriod     time between two ping rounds; the first round starts at once
 * @param connectTimeout how long opening a connection to another host may take
 * @param requestTimeout how long one call to another host may take in all
 * @param reconnectMin   the first wait before reopening a lost event stream; doubled on each failure
 * @param reconnectMax   the longest wait between two attempts to reopen an event stream
 */
public record ClusterSettings(Duration pingPeriod, Duration connectTimeout, Duration requestTimeout,
        Duration reconnectMin, Duration reconnectMax) {

    /** The system property that sets {@link #pingPeriod}. */
    public static final String PING_PERIOD_PROPERTY = "floe.cluster.ping-period";

    public static final ClusterSettings DEFAULTS = new ClusterSettings(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(10));

    public ClusterSettings {
        requirePositive("pingPeriod", pingPeriod);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("reconnectMin", reconnectMin);
        requirePositive("reconnectMax", reconnectMax);
    }

    /** The defaults, with the ping period from {@value #PING_PERIOD_PROPERTY} when it is set. */
    public static ClusterSettings from(Properties props) {
        String ping = props.getProperty(PING_PERIOD_PROPERTY);
        if (ping == null || ping.isBlank()) {
            return DEFAULTS;
        }
        return DEFAULTS.withPingPeriod(parse(PING_PERIOD_PROPERTY, ping));
    }

    public ClusterSettings withPingPeriod(Duration period) {
        return new ClusterSettings(period, connectTimeout, requestTimeout, reconnectMin, reconnectMax);
    }

    /** Reads {@code 500ms}, {@code 3s}, {@code 1m} or an ISO-8601 duration such as {@code PT0.5S}. */
    static Duration parse(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()) * 60);
            }
        } catch (RuntimeException e) {
            // fall through to the error below, which says what is accepted
        }
        throw new IllegalArgumentException(what + " '" + text + "' is not a duration: write e.g. 500ms, 3s, 1m or PT3S");
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("cluster setting " + name + " must be a positive duration, not " + d);
        }
    }
}
