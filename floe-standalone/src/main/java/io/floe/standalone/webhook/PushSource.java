package io.floe.standalone.webhook;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The git servers whose push webhooks floe accepts, told apart by their event header, each with its way of proving
 * the sender knows the secret: GitHub signs the body ({@code X-Hub-Signature-256: sha256=<hex>}), Gitea (and Forgejo
 * and Gogs) sign it too ({@code X-Gitea-Signature: <hex>}), GitLab sends the secret itself ({@code X-Gitlab-Token}).
 */
enum PushSource {
    GITEA("Gitea", List.of("X-Gitea-Event", "X-Forgejo-Event", "X-Gogs-Event"),
            List.of("X-Gitea-Delivery", "X-Forgejo-Delivery", "X-Gogs-Delivery")) {
        @Override
        Optional<String> verify(UnaryOperator<String> header, byte[] body, String secret) {
            String sig = first(header, List.of("X-Gitea-Signature", "X-Forgejo-Signature", "X-Gogs-Signature"));
            if (sig == null) {
                return Optional.of("missing X-Gitea-Signature header: set the webhook's secret in Gitea");
            }
            return Signatures.validHex(secret, body, sig) ? Optional.empty()
                    : Optional.of("X-Gitea-Signature does not match the body: the webhook's secret differs from "
                            + "common.webhook-secret");
        }

        @Override
        boolean isPush(String event) {
            return "push".equals(event);
        }
    },
    // Idempotency-Key stays the same when GitLab (17.4+) sends an event again
    GITLAB("GitLab", List.of("X-Gitlab-Event"), List.of("Idempotency-Key", "X-Gitlab-Event-UUID")) {
        @Override
        Optional<String> verify(UnaryOperator<String> header, byte[] body, String secret) {
            String token = header.apply("X-Gitlab-Token");
            if (token == null) {
                return Optional.of("missing X-Gitlab-Token header: set the webhook's secret token in GitLab");
            }
            return Signatures.sameText(secret, token) ? Optional.empty()
                    : Optional.of("X-Gitlab-Token is not common.webhook-secret");
        }

        @Override
        boolean isPush(String event) {
            return "Push Hook".equals(event) || "Tag Push Hook".equals(event);
        }
    },
    GITHUB("GitHub", List.of("X-GitHub-Event"), List.of("X-GitHub-Delivery")) {
        @Override
        Optional<String> verify(UnaryOperator<String> header, byte[] body, String secret) {
            String sig = header.apply("X-Hub-Signature-256");
            if (sig == null) {
                return Optional.of("missing X-Hub-Signature-256 header: set the webhook's secret in GitHub");
            }
            if (!sig.startsWith("sha256=")) {
                return Optional.of("X-Hub-Signature-256 must be sha256=<hex HMAC of the body>");
            }
            return Signatures.validHex(secret, body, sig.substring("sha256=".length())) ? Optional.empty()
                    : Optional.of("X-Hub-Signature-256 does not match the body: the webhook's secret differs from "
                            + "common.webhook-secret");
        }

        @Override
        boolean isPing(String event) {
            return "ping".equals(event);
        }

        @Override
        boolean isPush(String event) {
            return "push".equals(event);
        }
    };

    private final String title;
    private final List<String> eventHeaders;
    private final List<String> deliveryHeaders;

    PushSource(String title, List<String> eventHeaders, List<String> deliveryHeaders) {
        this.title = title;
        this.eventHeaders = eventHeaders;
        this.deliveryHeaders = deliveryHeaders;
    }

    /**
     * The server that sent a request. Gitea also sends GitHub's headers, so its own are looked at first.
     */
    static Optional<PushSource> of(UnaryOperator<String> header) {
        for (PushSource s : values()) {
            if (first(header, s.eventHeaders) != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    String title() {
        return title;
    }

    /** The event the request announces, e.g. {@code push} or {@code Push Hook}. */
    String event(UnaryOperator<String> header) {
        return first(header, eventHeaders).trim();
    }

    /**
     * The id the server gives this delivery, the same when it delivers it again (a retry, or "redeliver" pressed by
     * someone); empty when the request has none.
     *
     * @throws IllegalArgumentException naming the header when its value is not a plausible id
     */
    Optional<String> delivery(UnaryOperator<String> header) {
        String name = firstPresent(header, deliveryHeaders);
        if (name == null) {
            return Optional.empty();
        }
        String v = header.apply(name);
        if (!v.matches("[A-Za-z0-9._:-]{1,200}")) {
            throw new IllegalArgumentException(name + " must be at most 200 letters, digits, '.', '_', ':' or '-'");
        }
        return Optional.of(v);
    }

    /** Empty when the request proves it knows {@code secret}, else what is wrong. */
    abstract Optional<String> verify(UnaryOperator<String> header, byte[] body, String secret);

    abstract boolean isPush(String event);

    /** A test delivery that expects an answer and nothing more. */
    boolean isPing(String event) {
        return false;
    }

    /** The value of the first of {@code names} the request has (not blank), or null. */
    private static String first(UnaryOperator<String> header, List<String> names) {
        String name = firstPresent(header, names);
        return name == null ? null : header.apply(name);
    }

    /** The first of {@code names} the request has with a value that is not blank, or null. */
    private static String firstPresent(UnaryOperator<String> header, List<String> names) {
        for (String n : names) {
            String v = header.apply(n);
            if (v != null && !v.isBlank()) {
                return n;
            }
        }
        return null;
    }
}
