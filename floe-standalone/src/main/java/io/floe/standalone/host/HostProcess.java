package io.floe.standalone.host;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigProblem;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.cli.ExitCodes;
import io.floe.standalone.config.HostConfigSource;
import io.floe.standalone.server.FloeServer;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host process: loads the config, starts the engine and the server(s), prints the dashboard address, and runs until
 * SIGTERM or Ctrl-C, when it stops the servers and the engine cleanly and exits 0.
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
        // a signal asks the main thread to stop the host, which then exits 0; the hook covers every other way out
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                log.info("stopping host {}", options.hostName());
                host.close();
            }
        };
        Thread hook = new Thread(stop, "floe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals signals = new StopSignals();
        boolean handled = signals.install();
        out.println("floe host " + options.hostName() + " tags " + options.tags() + " is up");
        for (FloeServer.Bound b : host.server().bound()) {
            out.println("  " + b.name() + " server: " + b.url());
        }
        out.println("  config: " + loaded.origin().reference() + (loaded.origin().commit().isEmpty() ? ""
                : " at " + loaded.origin().commit()));
        out.println("  dashboard: " + host.server().dashboardUrl());
        out.flush();
        try {
            if (handled) {
                StopSignals.Request request = signals.await();
                log.info("{} received", request.signal());
                if (request.keepTasks() && closed.compareAndSet(false, true)) {
                    int kept = host.closeKeepingTasks();
                    log.info("host {} stopped for a restart; {} running tasks left for its next process to take"
                            + " back", options.hostName(), kept);
                }
                stop.run();
            } else {
                new CountDownLatch(1).await(); // until the shutdown hook stops the host and the JVM
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
        }
        return ExitCodes.GOOD;
    }
}
