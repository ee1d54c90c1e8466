package io.floe.engine.node.fetch;

import io.floe.engine.node.Durations;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns what {@link java.net.http.HttpClient} throws into a cause a user can act on. */
final class Failures {
    private Failures() {}

    static String describe(Throwable e, URI uri, Duration readTimeout) {
        String where = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "could not connect to " + where + ": timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no response from " + where + " within " + Durations.format(readTimeout);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + uri.getHost() + ": check the url";
            }
            if (t instanceof ConnectException) {
                return "could not connect to " + where + ": " + connectCause(t);
            }
            if (t instanceof SSLException) {
                return "TLS with " + where + " failed: " + t.getMessage();
            }
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    /** HttpClient wraps the socket's ConnectException in one without a message; the inner one says why. */
    private static String connectCause(Throwable connect) {
        for (Throwable t = connect; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "connection refused";
    }
}
