package io.floe.standalone.auth;

import io.floe.engine.TestClock;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.config.HostConfigSource;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A real host on 127.0.0.1 whose sessions and credential throttle keep time by a clock the test moves. */
final class ClockedHost implements AutoCloseable {
    final TestClock clock = new TestClock();
    final Host host;
    final Api api;
    final Path conf;

    ClockedHost(String yaml, Path dir) throws Exception {
        Files.createDirectories(dir);
        conf = dir.resolve("h1.yml");
        Files.writeString(conf, yaml);
        HostOptions o = new HostOptions(conf, "h1", List.of("master"), RunningHost.ADMIN, "127.0.0.1:0", null, null,
                "", null, null, dir.resolve("root"), false);
        NodeTypes types = NodeTypes.discover();
        HostConfigSource source = new HostConfigSource(conf.toString(), types, Host.configCache(o),
                Clock.systemUTC());
        host = Host.start(source.load(), source, types, o, clock);
        api = new Api(host.server().url(), "/build/api");
    }

    @Override
    public void close() {
        host.close();
    }
}
