package io.floe.engine.config;

import java.util.Locale;
import java.util.Set;

/**
 * One receiver of run notifications ({@code common.notify} or a flow's {@code notify}): an outgoing webhook. The
 * secret that signs the body is never in the config itself, only where to read it.
 *
 * @param url        where the notice is POSTed (http or https)
 * @param secretEnv  the environment variable holding the signing secret, or empty
 * @param secretFile the file holding the signing secret, or empty
 * @param format     the body's shape
 * @param events     what is told
 * @param line       the YAML line it was written on, for messages
 */
public record NotifyTarget(String url, String secretEnv, String secretFile, Format format, Set<When> events,
        int line) {

    /** The body: floe's own JSON document, or Slack's {@code {"text": …}}. */
    public enum Format {
        JSON,
        SLACK;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a receiver is told about. */
    public enum When {
        /** A run ended: good, bad or cancelled. */
        RUN_END,
        /** A data node waits for someone to fill its form. */
        DATA_WAITING;

        /** As written in the config: {@code run-end}, {@code data-waiting}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public NotifyTarget {
        url = url == null ? "" : url;
        secretEnv = secretEnv == null ? "" : secretEnv;
        secretFile = secretFile == null ? "" : secretFile;
        format = format == null ? Format.JSON : format;
        events = events == null || events.isEmpty() ? Set.of(When.RUN_END) : Set.copyOf(events);
    }

    public boolean signed() {
        return !secretEnv.isEmpty() || !secretFile.isEmpty();
    }

    /**
     * The receiver without its path and query, for logs: a Slack-style URL is itself a secret, so no log shows more
     * than the scheme, host and port.
     */
    public String safeUrl() {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }
}
