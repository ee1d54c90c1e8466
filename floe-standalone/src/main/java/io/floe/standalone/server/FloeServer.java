package io.floe.standalone.server;

import io.floe.standalone.api.ApiException;
import io.floe.standalone.api.Reply;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.Role;
import io.floe.standalone.host.HostOptions;
import io.floe.standalone.tls.PemKeyStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's web server: one Javalin (Jetty) server with a public connector and, when {@code -prv_bind} is set, a
 * private one, each with TLS when given a certificate. It serves the API under the base url (CORS, JSON envelope,
 * JSON errors), the dashboard under {@code /app} and {@code /static}, and whatever the host's parts register.
 */
public final class FloeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FloeServer.class);

    /** A listening connector. */
    public record Bound(String name, String url, int port) {}

    private final Javalin app;
    private final RouteTable routes;
    private final List<Bound> bound = new ArrayList<>();

    private FloeServer(Javalin app, RouteTable routes) {
        this.app = app;
        this.routes = routes;
    }

    /**
     * Starts serving. {@code routes} adds the API routes to the route table, each with its role, which is enforced
     * before its handler runs; paths under the base that it leaves out are answered by a JSON 404.
     */
    public static FloeServer start(HostServices host, AuthFilter auth, Consumer<RouteTable> routes) {
        HostOptions o = host.options();
        Bind pub = Bind.parse("-pub_bind", o.pubBind());
        Bind prv = o.hasPrivateServer() ? Bind.parse("-prv_bind", o.prvBind()) : null;
        String base = host.base();
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = io.floe.standalone.api.Bodies.MAX_BYTES;
            config.http.gzipOnlyCompression();
            // requests Jetty refuses before routing (a %00 in the URL…) get the JSON envelope too
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonErrorHandler()));
            config.jetty.addConnector((server, http) -> connector(server, http, "public", pub, o.pubCert(),
                    o.pubKey()));
            if (prv != null) {
                config.jetty.addConnector((server, http) -> connector(server, http, "private", prv, o.prvCert(),
                        o.prvKey()));
            }
            if (o.dev()) {
                config.staticFiles.add(sf -> {
                    sf.hostedPath = "/static";
                    sf.directory = Path.of("src-webapp/webapp").toAbsolutePath().toString();
                    sf.location = Location.EXTERNAL;
                });
            } else {
                config.staticFiles.add(sf -> {
                    sf.hostedPath = "/static";
                    sf.directory = "/floe-webapp";
                    sf.location = Location.CLASSPATH;
                });
            }
        });
        app.before(FloeServer::securityHeaders);
        app.wsBeforeUpgrade(FloeServer::securityHeaders); // a refused upgrade is an answer too
        app.before(base + "/*", FloeServer::cors);
        RouteGuard guard = new RouteGuard(auth);
        app.beforeMatched(guard::check);
        RouteTable table = new RouteTable(app, guard);
        table.options(base + "/*", Role.ANONYMOUS, ctx -> Reply.send(ctx, 200, "ok", null));
        table.options(base, Role.ANONYMOUS, ctx -> Reply.send(ctx, 200, "ok", null));
        routes.accept(table);
        // the dashboard's page and redirects hold no data: the page logs in through the API
        table.get("/", Role.ANONYMOUS, ctx -> ctx.redirect("/app/dash"));
        table.get("/app", Role.ANONYMOUS, ctx -> ctx.redirect("/app/dash"));
        table.get("/app/*", Role.ANONYMOUS, ctx -> index(ctx, o.dev(), base));
        table.staticFiles("/static", Role.ANONYMOUS);
        app.exception(ApiException.class, (e, ctx) -> {
            if (ctx.method() != HandlerType.OPTIONS) {
                cors(ctx);
            }
            Reply.send(ctx, e.status(), e.getMessage(), e.payload());
        });
        app.exception(Exception.class, (e, ctx) -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof io.floe.engine.StoreUnavailable refused) {
                Reply.send(ctx, 503, refused.getMessage(), null); // the run store cannot write; nothing to log twice
                return;
            }
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            Reply.send(ctx, 500, "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        });
        app.error(404, ctx -> {
            if (ctx.attribute(Reply.REPLIED) == null) {
                Reply.fail(ctx, 404, "not found");
            }
        });
        app.error(405, ctx -> Reply.fail(ctx, 404, "not found"));
        app.start();
        FloeServer s = new FloeServer(app, table);
        for (var c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                boolean tls = sc.getConnectionFactory(SslConnectionFactory.class) != null;
                String host0 = sc.getHost() == null || sc.getHost().equals("0.0.0.0") ? "127.0.0.1" : sc.getHost();
                s.bound.add(new Bound(sc.getName(), (tls ? "https" : "http") + "://" + hostForUrl(host0) + ":"
                        + sc.getLocalPort(), sc.getLocalPort()));
            }
        }
        return s;
    }

    /** Every route served, with the role it needs. */
    public List<RouteTable.Route> routes() {
        return routes.routes();
    }

    public List<Bound> bound() {
        return List.copyOf(bound);
    }

    /** The public server's address, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return bound.get(0).url();
    }

    public String dashboardUrl() {
        return url() + "/app/dash";
    }

    @Override
    public void close() {
        app.stop();
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, String name, Bind bind,
            Path cert, Path key) {
        ServerConnector c;
        if (cert != null) {
            if (key == null) {
                throw new IllegalArgumentException("a " + name + " TLS certificate needs its key (-"
                        + (name.equals("public") ? "pub" : "prv") + "_key)");
            }
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(PemKeyStore.load(cert, key));
            ssl.setKeyStorePassword("");
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer(false));
            c = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        } else {
            c = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        c.setName(name);
        c.setHost(bind.host());
        c.setPort(bind.port());
        return c;
    }

    /** The dashboard's page, told where this host's API is (its config may move {@code base-url}). */
    private static void index(Context ctx, boolean dev, String base) throws IOException {
        ctx.contentType("text/html; charset=utf-8");
        byte[] page;
        if (dev) {
            page = Files.readAllBytes(Path.of("src-webapp/webapp/index.html"));
        } else {
            try (InputStream in = FloeServer.class.getResourceAsStream("/floe-webapp/index.html")) {
                if (in == null) {
                    throw new ApiException(404, "the dashboard is not in this build");
                }
                page = in.readAllBytes();
            }
        }
        String html = new String(page, java.nio.charset.StandardCharsets.UTF_8);
        String attr = base.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
        ctx.result(html.replace("<meta name=\"floe-api\" content=\"/build/api\">",
                "<meta name=\"floe-api\" content=\"" + attr + "\">"));
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "POST, GET, PUT, OPTIONS, DELETE");
        String asked = ctx.header("Access-Control-Request-Headers");
        if (asked != null) {
            ctx.header("Access-Control-Allow-Headers", asked);
        }
    }

    private static void securityHeaders(Context ctx) {
        String path = ctx.path();
        boolean page = path.equals("/") || path.equals("/app") || path.startsWith("/app/")
                || path.startsWith("/static/");
        SecurityHeaders.apply(ctx::header, "https".equalsIgnoreCase(ctx.scheme()), !page);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
