package io.floe.standalone.host;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigProblem;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.node.NodeTypes;
import io.floe.standalone.cli.ExitCodes;
import io.floe.standalone.config.HostConfigSource;
import io.floe.standalone.server.FloeServer;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host process: loads the config, starts the engine and the server(s), prints the dashboard address, and runs until
 * SIGTERM or Ctrl-C, when it stops the servers and the engine cleanly.
 */
public final class HostProcess {
    private static final Logger log = LoggerFactory.getLogger(HostProcess.class);

    private final HostOptions options;
    private final PrintWriter out;
    private final PrintWriter err;

    public HostProcess(HostOptions options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs the host until the process is told to stop; returns the exit code. */
    public int run() {
        NodeTypes types = NodeTypes.discover();
        HostConfigSource source = new HostConfigSource(options.conf().toString(), types, Host.configCache(options),
                java.time.Clock.systemUTC());
        HostConfigSource.Loaded loaded;
        try {
            loaded = source.load();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.CONFIG;
        }
        FloeConfig config = loaded.config();
        for (ConfigProblem w : config.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        Host host;
        try {
            host = Host.start(loaded, source, types, options);
        } catch (RuntimeException e) {
            err.println("floe: could not start: " + e.getMessage());
            err.flush();
            log.debug("start failure", e);
            return ExitCodes.BAD;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping host {}", options.hostName());
            host.close();
            stopped.countDown();
        }, "floe-shutdown"));
        out.println("floe host " + options.hostName() + " tags " + options.tags() + " is up");
        for (FloeServer.Bound b : host.server().bound()) {
            out.println("  " + b.name() + " server: " + b.url());
        }
        out.println("  config: " + loaded.origin().reference() + (loaded.origin().commit().isEmpty() ? ""
                : " at " + loaded.origin().commit()));
        out.println("  dashboard: " + host.server().dashboardUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.GOOD;
    }
}
