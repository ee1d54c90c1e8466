package io.floe.standalone.api;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real host on 127.0.0.1 (a free port), on a temp folder, for API tests. */
public final class RunningHost implements AutoCloseable {
    public static final String ADMIN = "a-test-admin-token";
    public final Host host;
    public final Api api;

    private RunningHost(Host host) {
        this.host = host;
        this.api = new Api(host.server().url(), host.floe().config().common().effectiveBaseUrl());
    }

    /** Starts host {@code name} with tags [master] on {@code yaml}, its root and config file under {@code dir}. */
    public static RunningHost start(String yaml, Path dir) throws Exception {
        return start(yaml, dir, "hi1", List.of("master"), null, null);
    }

    public static RunningHost start(String yaml, Path dir, String name, List<String> tags, Path cert, Path key)
            throws Exception {
        Files.createDirectories(dir);
        Path conf = dir.resolve(name + ".yml");
        Files.writeString(conf, yaml);
        FloeConfig cfg = ConfigLoader.load(conf, NodeTypes.discover());
        HostOptions o = new HostOptions(conf, name, tags, ADMIN, "127.0.0.1:0", cert, key, "", null, null,
                dir.resolve(name + "-root"), false);
        return new RunningHost(Host.start(cfg, NodeTypes.discover(), o));
    }

    @Override
    public void close() {
        host.close();
    }
}
