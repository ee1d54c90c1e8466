package io.floe.browser;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A real floe host for the browser tests, started in-process on a free port of 127.0.0.1: the repo's
 * {@code default.yml} (its CI flow is what a new user tries first) with the flows of {@code browser-flows.yml} and any
 * more a test makes added to it. It keeps its workspaces and run store in a temp folder.
 */
final class BrowserHost implements AutoCloseable {
    static final String ADMIN = "browser-admin-token";
    static final String HOST = "h1";

    final Host host;
    final String url;

    private BrowserHost(Host host) {
        this.host = host;
        this.url = host.server().url();
    }

    static BrowserHost start(Path dir) {
        return start(dir, List.of(), "127.0.0.1:0");
    }

    /** Starts a host whose config also holds {@code moreFlows} (flows as YAML maps), bound to {@code bind}. */
    static BrowserHost start(Path dir, List<Map<String, Object>> moreFlows, String bind) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("floe.yml");
            Files.writeString(conf, config(moreFlows));
            FloeConfig cfg = ConfigLoader.load(conf, NodeTypes.discover());
            HostOptions o = new HostOptions(conf, HOST, List.of("master"), ADMIN, bind, null, null, "", null, null,
                    dir.resolve("root"), false);
            return new BrowserHost(Host.start(cfg, NodeTypes.discover(), o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("the browser tests' config does not load: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String config(List<Map<String, Object>> moreFlows) throws IOException {
        Yaml read = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> base = read.load(Files.readString(repo().resolve("default.yml")));
        Map<String, Object> ours = read.load(TestFlows.text("browser-flows.yml"));
        List<Object> flows = new ArrayList<>((List<Object>) base.get("flows"));
        flows.addAll((List<Object>) ours.get("flows"));
        flows.addAll(moreFlows);
        base.put("flows", flows);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(o).dump(base);
    }

    /** The repository's root: where {@code default.yml} is. */
    static Path repo() {
        String given = System.getProperty("floe.repo");
        Path p = given != null ? Path.of(given) : Path.of("").toAbsolutePath();
        for (Path at = p.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("default.yml"))) {
                return at;
            }
        }
        throw new IllegalStateException("default.yml not found above " + p.toAbsolutePath()
                + ": run the browser tests inside the floe repository");
    }

    @Override
    public void close() {
        host.close();
    }
}
