package io.floe.standalone.notify;

import io.floe.engine.config.NotifyTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs notices to their receivers without ever making the caller wait: requests are asynchronous on a small executor
 * of their own, each has a timeout, failures (no connection, a 5xx or 429 answer, the timeout) are retried with
 * exponential back-off up to the policy's attempts, and what still fails is logged. Logs name the receiver by scheme,
 * host and port only: a webhook URL's path is often its secret.
 */
final class NoticeSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NoticeSender.class);

    private final DeliveryPolicy policy;
    private final RetryTimer timer;
    private final NotifySecrets secrets;
    private final ExecutorService executor;
    /** Made at the first notice: building a client loads the TLS stack and its trust store, which a host that never
     * notifies does not need at its start (docs/BENCHMARKS.md, figure 12). */
    private HttpClient client;
    private final Semaphore inFlight;

    NoticeSender(DeliveryPolicy policy, RetryTimer timer, NotifySecrets secrets) {
        this.policy = policy;
        this.timer = timer;
        this.secrets = secrets;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "floe-notify-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // a host that never notifies keeps no threads for it
        this.executor = pool;
        this.inFlight = new Semaphore(policy.maxInFlight());
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().executor(executor).connectTimeout(policy.timeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    /** Sends {@code notice} to {@code target} in the background. */
    void send(NotifyTarget target, Notice notice) {
        byte[] body = NoticeBody.of(notice, target.format());
        String signature;
        try {
            byte[] secret = secrets.of(target);
            signature = secret.length == 0 ? "" : Signature.of(secret, body);
        } catch (NotifySecrets.MissingSecret e) {
            log.error("notification of run {} to {} not sent: {}", notice.run(), target.safeUrl(), e.getMessage());
            return;
        }
        if (!inFlight.tryAcquire()) {
            log.error("notification of run {} to {} dropped: {} notifications are already under way (receivers "
                    + "answer slowly or not at all)", notice.run(), target.safeUrl(), policy.maxInFlight());
            return;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.url())).timeout(policy.timeout())
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "floe")
                .header("X-Floe-Event", notice.event())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!signature.isEmpty()) {
            b.header(Signature.HEADER, signature);
        }
        attempt(b.build(), target, notice, 1);
    }

    private void attempt(HttpRequest request, NotifyTarget target, Notice notice, int n) {
        client().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
            String failure;
            if (error == null && answer.statusCode() < 300) {
                inFlight.release();
                return;
            } else if (error == null && !DeliveryPolicy.retryable(answer.statusCode())) {
                inFlight.release();
                log.error("notification of run {} to {} refused with HTTP {}; not retried (fix the receiver or "
                        + "the notify url)", notice.run(), target.safeUrl(), answer.statusCode());
                return;
            } else {
                failure = error == null ? "HTTP " + answer.statusCode() : describe(error);
            }
            if (n >= policy.attempts()) {
                inFlight.release();
                log.error("notification of run {} to {} failed {} times, last: {}; given up", notice.run(),
                        target.safeUrl(), n, failure);
                return;
            }
            log.warn("notification of run {} to {} failed ({}); try {} of {} in {}", notice.run(), target.safeUrl(),
                    failure, n + 1, policy.attempts(), policy.waitBefore(n + 1));
            timer.after(policy.waitBefore(n + 1), () -> attempt(request, target, notice, n + 1));
        });
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
