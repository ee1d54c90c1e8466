package io.floe.standalone.host;

import io.floe.engine.Floe;
import io.floe.engine.Launchers;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.api.AuthRoutes;
import io.floe.standalone.api.FlowRoutes;
import io.floe.standalone.api.HealthRoutes;
import io.floe.standalone.api.LocalRuns;
import io.floe.standalone.api.LogRoutes;
import io.floe.standalone.api.OfferedFlows;
import io.floe.standalone.api.P2pRoutes;
import io.floe.standalone.api.PushRoutes;
import io.floe.standalone.api.RunDirectory;
import io.floe.standalone.api.RunRelay;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.CredentialThrottle;
import io.floe.standalone.auth.Logins;
import io.floe.standalone.auth.Sessions;
import io.floe.standalone.auth.Users;
import io.floe.standalone.cluster.Cluster;
import io.floe.standalone.cluster.ClusterRelay;
import io.floe.standalone.cluster.ClusterRuns;
import io.floe.standalone.cluster.ClusterSettings;
import io.floe.standalone.cluster.PeerOffers;
import io.floe.standalone.config.ConfigOrigin;
import io.floe.standalone.config.ConfigReloader;
import io.floe.standalone.config.ConfigRoutes;
import io.floe.standalone.config.HostConfigSource;
import io.floe.standalone.metrics.FloeMetrics;
import io.floe.standalone.metrics.MetricsRoute;
import io.floe.standalone.server.FloeServer;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.webhook.GitPushRoute;
import io.floe.standalone.ws.EventSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A running host: the engine and its web server, wired together. Close it to stop both. */
public final class Host implements AutoCloseable {
    private final Floe floe;
    private final FloeServer server;
    private final HostServices services;
    private final Cluster cluster;
    private final EventSocket events;
    private final ConfigReloader reloader;

    private Host(Floe floe, FloeServer server, HostServices services, Cluster cluster, EventSocket events,
            ConfigReloader reloader) {
        this.reloader = reloader;
        this.floe = floe;
        this.server = server;
        this.services = services;
        this.cluster = cluster;
        this.events = events;
    }

    /**
     * Starts the engine on {@code config} and serves it as the flags say. The websocket and the metrics observe the
     * engine before it starts, so the events of recovering runs after a restart reach them too.
     */
    public static Host start(FloeConfig config, NodeTypes types, HostOptions options) {
        HostConfigSource source = new HostConfigSource(options.conf().toString(), types, configCache(options),
                Clock.systemUTC());
        ConfigOrigin origin = new ConfigOrigin(options.conf().toString(), "file", "", Instant.now());
        return start(new HostConfigSource.Loaded(config, origin, ""), source, types, options);
    }

    /** Where copies of a config read from git or http are kept. */
    public static Path configCache(HostOptions options) {
        return (options.root() != null ? options.root() : Path.of(System.getProperty("user.home"), ".floe"))
                .resolve("config_cache");
    }

    /** Starts a host on a config read from {@code source}, which it reads again to reload. */
    public static Host start(HostConfigSource.Loaded loaded, HostConfigSource source, NodeTypes types,
            HostOptions options) {
        return start(loaded, source, types, options, Clock.systemUTC());
    }

    /** With the clock that sessions and credential throttling keep time by (tests move it). */
    public static Host start(HostConfigSource.Loaded loaded, HostConfigSource source, NodeTypes types,
            HostOptions options, Clock clock) {
        FloeConfig config = loaded.config();
        Floe.Builder b = Floe.builder(config).hostId(options.hostName()).tags(options.tags()).types(types)
                .clock(clock).launcher(Launchers.fromEnvironment(System.getenv()));
        if (options.root() != null) {
            b.workspaceRoot(options.root());
        }
        Cluster cluster = Cluster.of(config.common(), options.hostName(), options.adminToken(),
                ClusterSettings.from(System.getProperties()));
        if (cluster.hasPeers()) {
            b.remote(new PeerOffers(cluster));
        }
        Floe floe = b.build();
        EventSocket events = null;
        try {
            Sessions sessions = new Sessions(clock);
            HostServices services = new HostServices(floe, options, sessions, new Logins(options.adminToken(),
                    new Users(config.common().users(), sessions), new CredentialThrottle(clock)));
            AuthFilter auth = new AuthFilter(services.sessions(), services.logins());
            EventSocket socket = new EventSocket(floe);
            events = socket;
            FloeMetrics metrics = FloeMetrics.observe(floe, socket::clientCount, socket::droppedCount);
            io.floe.standalone.notify.Notifier.observe(floe); // idle threads end by themselves; nothing to close
            OfferedFlows offered = new OfferedFlows(floe::config, floe::withFlowFile);
            ConfigReloader reloader = new ConfigReloader(source, loaded, floe, socket::broadcast,
                    services.logins().users());
            floe.start();
            // a shared store lists every host's runs and logs itself; cancels, data and artifacts go to the executing host
            boolean shared = floe.sharesStore();
            RunDirectory runs = cluster.hasPeers() && !shared ? new ClusterRuns(floe, cluster) : new LocalRuns(floe);
            RunRelay relay = cluster.hasPeers() || shared ? new ClusterRelay(floe, cluster) : RunRelay.NONE;
            FloeServer server = FloeServer.start(services, auth, app -> {
                String base = services.base();
                new AuthRoutes(services).register(app, base);
                new FlowRoutes(services, runs, relay).register(app, base);
                new LogRoutes(services, relay).register(app, base);
                new io.floe.standalone.api.ArtifactRoutes(services, relay).register(app, base);
                new PushRoutes(services, relay).register(app, base);
                new P2pRoutes(services, cluster::allHosts, offered).register(app, base);
                new GitPushRoute(floe, urls -> {
                    if (reloader.livesIn(urls)) {
                        reloader.reload("a push to the config's repository");
                    }
                }).register(app, base);
                new ConfigRoutes(reloader).register(app, base);
                new io.floe.standalone.api.ClusterRoutes(floe, options.tags()).register(app, base);
                new HealthRoutes(floe).register(app);
                new MetricsRoute(metrics).register(app);
                socket.register(app);
            });
            cluster.relayEvents(socket::broadcast); // runs on other hosts, live on this host's dashboards
            cluster.start(floe);
            reloader.pollEvery(Duration.ofSeconds(config.common().configPoll()));
            return new Host(floe, server, services, cluster, socket, reloader);
        } catch (RuntimeException e) {
            cluster.close();
            if (events != null) {
                events.close();
            }
            floe.close();
            throw e;
        }
    }

    public Floe floe() {
        return floe;
    }

    public FloeServer server() {
        return server;
    }

    public HostServices services() {
        return services;
    }

    /** Stops serving, then stops the engine (running tasks are stopped; their runs resume at the next start). */
    @Override
    public void close() {
        reloader.close();
        cluster.close();
        server.close();
        events.close();
        floe.close();
    }

    /**
     * A planned restart: stops serving, then stops the engine leaving its running tasks for the next process of this
     * host (see {@link Floe#closeKeepingTasks()}); the number left running.
     */
    public int closeKeepingTasks() {
        reloader.close();
        cluster.close();
        server.close();
        events.close();
        return floe.closeKeepingTasks();
    }

    public ConfigReloader reloader() {
        return reloader;
    }

    /** The websocket broadcast (events of this host and, relayed, of the others). */
    public EventSocket events() {
        return events;
    }
}
