package io.floe.engine.node.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * Git's smart HTTP protocol on 127.0.0.1 (JGit's {@link GitServlet} in an embedded Jetty), serving every repository
 * under a folder at {@code http://127.0.0.1:<port>/git/<name>.git}. Optionally behind HTTP basic authentication.
 */
public final class GitHttpServer implements AutoCloseable {
    private final Server server;
    private final int port;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch gate;
    private final CompletableFuture<Void> held = new CompletableFuture<>();

    /**
     * @param repos    the folder whose repositories are served
     * @param user     when not null, the user basic authentication requires (with {@code password})
     */
    public GitHttpServer(Path repos, String user, String password) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(repos.toFile(), true));
        context.addServlet(new ServletHolder(git), "/git/*");
        String expected = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Filter auth = (request, response, chain) -> {
            requests.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                held.complete(null);
                try {
                    g.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            HttpServletRequest req = (HttpServletRequest) request;
            if (expected != null && !expected.equals(req.getHeader("Authorization"))) {
                HttpServletResponse resp = (HttpServletResponse) response;
                resp.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                resp.sendError(401);
                return;
            }
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(auth), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    /** The url of repository {@code <name>.git}. */
    public String url(String name) {
        return "http://127.0.0.1:" + port + "/git/" + name + ".git";
    }

    /** From now on, requests wait until {@link #release()}; the returned future completes when one is waiting. */
    public CompletableFuture<Void> hold() {
        gate = new CountDownLatch(1);
        return held;
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** How many HTTP requests reached the server. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        release();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the test git http server failed", e);
        }
    }
}
