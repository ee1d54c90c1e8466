package io.floe.engine.config;

import io.floe.engine.event.FlowRef;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a host config (floe-spec §2) from YAML. Parsing is safe (no object construction from tags) and keeps the
 * line of every value, so each problem says where it is: {@code default.yml:14: flow 0 - task 2 - task nodes can not
 * have waits}. All errors of a document are collected and thrown together; problems that a config written for the
 * original may have (unknown keys, dangling listens, unreachable nodes) are warnings: logged, and kept in
 * {@link FloeConfig#warnings()}.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    static final List<String> TOP_KEYS = List.of("common", "flows");
    static final List<String> COMMON_KEYS = List.of("hosts", "base-url", "workspace-root", "store-root",
            "store-type", "store-url", "store-user", "store-password-file", "host-lease", "git-key", "key-file",
            "config-path", "config-poll", "users", "webhook-secret", LocalFlowFileSource.ROOTS_KEY,
            "artifacts-max-size", "artifacts-keep", "public-url", NotifyReader.KEY, "task-grace", "log-sync");
    static final List<String> USER_KEYS = List.of("name", "password-hash", "role");

    private ConfigLoader() {}

    /**
     * Loads the config file {@code file}. Problems name the file as given; relative local flow-files are read from
     * its folder.
     *
     * @param catalog the node types of this host, or null to skip the type checks
     */
    public static FloeConfig load(Path file, TypeCatalog catalog) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(file.toString(), 0, "",
                    "can not read the config file " + file.toAbsolutePath() + ": " + e));
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, file.toString(), dir, catalog);
    }

    /**
     * Parses a whole config.
     *
     * @param sourceName how problems name the document, e.g. {@code default.yml}; kept as {@link FloeConfig#source()}
     * @param baseDir    the folder relative local flow-files are read from, which are then checked now (any problem
     *                   is a warning: they are read again at every trigger); null to skip that check
     * @param catalog    the node types of this host, or null to skip the type checks
     */
    public static FloeConfig parse(String yaml, String sourceName, Path baseDir, TypeCatalog catalog)
            throws ConfigException {
        Problems problems = new Problems(sourceName);
        YamlValues values = new YamlValues();
        Node root = compose(yaml, problems);
        CommonConfig common = CommonConfig.defaults();
        List<FlowConfig> flows = new ArrayList<>();
        if (root != null && !(root instanceof MappingNode)) {
            problems.error(YamlMap.line(root), "", "the config must be a map with the keys common and flows, not "
                    + problems.describe(root));
        } else if (root != null) {
            YamlMap top = YamlMap.of((MappingNode) root, "", problems, values, TOP_KEYS);
            common = readCommon(top, problems, values);
            FlowReader reader = new FlowReader(problems, values, catalog);
            List<Node> items = top.items("flows", "a list of flows");
            for (int i = 0; i < items.size(); i++) {
                FlowConfig f = reader.read(items.get(i), "flow " + i, sourceName);
                flows.add(f);
            }
            checkUniqueFlows(flows, problems);
        }
        problems.sortWarnings();
        if (problems.hasErrors()) {
            problems.warnings().forEach(w -> LOG.warn("{}", w));
            throw new ConfigException(problems.errors());
        }
        for (int i = 0; i < flows.size(); i++) {
            checkLinks(flows.get(i), "flow " + i, baseDir, common.flowFileRoots(), catalog, problems);
        }
        List<ConfigProblem> warnings = problems.warnings();
        warnings.forEach(w -> LOG.warn("{}", w));
        return new FloeConfig(common, flows, sourceName, warnings);
    }

    /**
     * Parses a flow-file: one flow, with the same keys as an entry of {@code flows}. It is checked as a flow (it needs
     * an id or a name); the links are checked by {@link FlowFiles#load} once it is laid over its configured flow.
     * Warnings are logged.
     *
     * @param sourceName how problems name the file, e.g. the flow-file reference
     */
    public static FlowConfig parseFlow(String yaml, String sourceName, TypeCatalog catalog) throws ConfigException {
        List<ConfigProblem> warnings = new ArrayList<>();
        FlowConfig flow = readFlow(yaml, sourceName, catalog, warnings);
        warnings.forEach(w -> LOG.warn("{}", w));
        return flow;
    }

    /** As {@link #parseFlow}, adding warnings to {@code warnings}. */
    static FlowConfig readFlow(String yaml, String sourceName, TypeCatalog catalog, List<ConfigProblem> warnings)
            throws ConfigException {
        Problems problems = Problems.withoutValues(sourceName);
        Node root = compose(yaml, problems);
        FlowConfig flow = null;
        if (root == null && !problems.hasErrors()) {
            problems.error(0, "", "the flow-file is empty: it needs at least an id or a name, and tasks");
        } else if (root != null) {
            flow = new FlowReader(problems, new YamlValues(), catalog).read(root, "", sourceName);
            problems.sortWarnings();
        }
        warnings.addAll(problems.warnings());
        if (problems.hasErrors() || flow == null) {
            throw new ConfigException(problems.errors());
        }
        return flow;
    }

    /** The document's node tree, or null when it is empty or can not be parsed (then a problem is recorded). */
    private static Node compose(String yaml, Problems problems) {
        String text = yaml;
        java.util.SortedSet<Integer> tabLines = new java.util.TreeSet<>();
        while (true) {
            try {
                Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
                if (!tabLines.isEmpty()) {
                    problems.warn(tabLines.first(), "", "a tab after a key is read as a space, as the original floe "
                            + "reads it (lines " + tabLines + "); replace the tab with a space to keep the config "
                            + "plain YAML");
                }
                return root;
            } catch (MarkedYAMLException e) {
                java.util.Optional<String> fixed = TabSeparators.fix(text, e);
                if (fixed.isPresent() && tabLines.size() < 10_000) {
                    tabLines.add(e.getProblemMark().getLine() + 1);
                    text = fixed.get();
                    continue;
                }
                return refused(e, problems);
            } catch (YAMLException e) {
                problems.error(0, "", "YAML error: " + e.getMessage());
                return null;
            }
        }
    }

    private static Node refused(MarkedYAMLException e, Problems problems) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        String fix = problem.contains("\\t") ? "; replace the tab with spaces" : "";
        problems.error(mark == null ? 0 : mark.getLine() + 1, "", "YAML syntax error: " + problem + context + fix);
        return null;
    }

    private static CommonConfig readCommon(YamlMap top, Problems problems, YamlValues values) {
        Node node = top.node("common");
        if (node == null || YamlMap.isNull(node)) {
            return CommonConfig.defaults();
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.error(YamlMap.line(node), "", "'common' must be a map, not " + problems.describe(node));
            return CommonConfig.defaults();
        }
        YamlMap c = YamlMap.of(mapping, "common", problems, values, COMMON_KEYS);
        String gitKey = c.string("git-key");
        String keyFile = c.string("key-file");
        if (!gitKey.isEmpty() && !keyFile.isEmpty() && !gitKey.equals(keyFile)) {
            problems.warn(c.lineOf("key-file"), "common", "both git-key and key-file are set; git-key is used");
        }
        return new CommonConfig(c.strings("hosts"), c.string("base-url"), c.string("workspace-root"),
                c.string("store-type"), c.string("store-root"), gitKey.isEmpty() ? keyFile : gitKey,
                c.string("config-path"), readUsers(c, problems, values), c.string("webhook-secret"),
                c.integer("config-poll"), readStoreConnection(c, problems), c.strings(LocalFlowFileSource.ROOTS_KEY),
                readArtifactSettings(c, problems), c.string("public-url"),
                NotifyReader.read(c, "common", problems, values), readTaskGrace(c, problems));
    }

    /** {@code artifacts-max-size} (default 100MB) and {@code artifacts-keep} (default: as long as the run). */
    private static ArtifactSettings readArtifactSettings(YamlMap c, Problems problems) {
        long max = ArtifactSettings.DEFAULT_MAX_RUN_BYTES;
        String maxText = c.string("artifacts-max-size");
        if (!maxText.isBlank()) {
            var parsed = ByteSizes.parse(maxText);
            if (parsed.isEmpty()) {
                problems.error(c.lineOf("artifacts-max-size"), "common", "artifacts-max-size '" + maxText
                        + "' is not a size: write e.g. 100MB, 2GB, 512KB or a number of bytes");
            } else {
                max = parsed.get();
            }
        }
        java.time.Duration keep = null;
        String keepText = c.string("artifacts-keep");
        if (!keepText.isBlank()) {
            keep = io.floe.engine.node.Durations.parse(keepText).orElse(null);
            if (keep == null) {
                problems.error(c.lineOf("artifacts-keep"), "common", "artifacts-keep '" + keepText
                        + "' is not a duration: write e.g. 30d, 72h or 90m");
            }
        }
        return new ArtifactSettings(max, keep);
    }

    /** {@code task-grace}: how long a task may outlive its host over a planned restart; null when not given. */
    private static java.time.Duration readTaskGrace(YamlMap c, Problems problems) {
        String text = c.string("task-grace");
        if (text.isBlank()) {
            return null;
        }
        if (text.strip().equals("0")) {
            return java.time.Duration.ZERO;
        }
        java.time.Duration d = io.floe.engine.node.Durations.parse(text).orElse(null);
        if (d == null || d.isNegative()) {
            problems.error(c.lineOf("task-grace"), "common", "task-grace " + text + " is not a duration (write it"
                    + " like 10m or 90s, or 0 to stop tasks with their host)");
            return null;
        }
        return d;
    }

    /** {@code store-url}, {@code store-user}, {@code store-password-file}, {@code host-lease}: checked against the store type. */
    private static StoreConnection readStoreConnection(YamlMap c, Problems problems) {
        String type = c.string("store-type");
        String url = c.string("store-url");
        java.time.Duration lease = null;
        String leaseText = c.string("host-lease");
        if (!leaseText.isBlank()) {
            lease = io.floe.engine.node.Durations.parse(leaseText).orElse(null);
            if (lease == null || lease.toMillis() < 300) {
                problems.error(c.lineOf("host-lease"), "common", "host-lease " + leaseText
                        + " is not a duration of at least 300ms (write it like 30s or 1m)");
                lease = null;
            }
        }
        if ("postgres".equals(type) && url.isBlank()) {
            problems.error(c.lineOf("store-type"), "common", "store-type postgres needs store-url, the database's "
                    + "JDBC URL, e.g. store-url: jdbc:postgresql://db.example.com:5432/floe");
        } else if (!url.isBlank() && !"postgres".equals(type)) {
            problems.warn(c.lineOf("store-url"), "common", "store-url is only used with store-type postgres; "
                    + "store-type is " + (type.isBlank() ? "memory" : type));
        } else if (!url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
            problems.error(c.lineOf("store-url"), "common", "store-url must be a PostgreSQL JDBC URL starting with "
                    + "jdbc:postgresql://, not " + new io.floe.engine.spi.StoreSettings("", null, url, "", "", "",
                    null).safeUrl());
        }
        if (url.matches("(?i).*(password|passwd|pwd)=.*|.*//[^/@:]+:[^/@]*@.*")) {
            problems.warn(c.lineOf("store-url"), "common", "store-url contains a password, which ends up wherever "
                    + "the config is kept; put it in store-password-file or the FLOE_STORE_PASSWORD environment "
                    + "variable instead");
        }
        if (c.bool("log-sync") && !"local".equals(type)) {
            problems.warn(c.lineOf("log-sync"), "common", "log-sync is only used with store-type local (postgres"
                    + " commits task logs with the state; memory keeps nothing); store-type is "
                    + (type.isBlank() ? "memory" : type));
        }
        return new StoreConnection(url, c.string("store-user"), c.string("store-password-file"), lease,
                c.bool("log-sync"));
    }

    /** {@code common.users}: each needs a name and a password hash; the role is viewer, user or admin. */
    private static List<UserConfig> readUsers(YamlMap common, Problems problems, YamlValues values) {
        List<UserConfig> users = new ArrayList<>();
        List<Node> items = common.items("users", "a list of users");
        for (int i = 0; i < items.size(); i++) {
            Node n = items.get(i);
            String path = "common - user " + i;
            if (!(n instanceof MappingNode m)) {
                problems.error(YamlMap.line(n), path, "a user must be a map with name, password-hash and role");
                continue;
            }
            YamlMap u = YamlMap.of(m, path, problems, values, USER_KEYS);
            String name = u.string("name");
            String hash = u.string("password-hash");
            String role = u.string("role");
            if (name.isBlank()) {
                problems.error(u.line(), path, "a user needs a name");
            } else if (UserConfig.ADMIN.equals(name)) {
                problems.error(u.line(), path, "the user admin is built in (its password is the -admin token); "
                        + "choose another name");
            }
            if (hash.isBlank() || !hash.startsWith("pbkdf2-sha256$") || hash.split("\\$").length != 4) {
                problems.error(u.lineOf("password-hash"), path, "password-hash must be a hash made "
                        + "by 'floe hash-password' (pbkdf2-sha256$…), never the password itself");
            }
            if (!role.isBlank() && !UserConfig.ROLES.contains(role)) {
                problems.error(u.lineOf("role"), path, "role '" + role + "' is not viewer, user or admin");
            }
            users.add(new UserConfig(name, hash, role, u.line()));
        }
        return users;
    }

    /** Runs and the API find a flow by id and ver, so two flows may not share both. */
    private static void checkUniqueFlows(List<FlowConfig> flows, Problems problems) {
        Map<FlowRef, Integer> seen = new HashMap<>();
        for (int i = 0; i < flows.size(); i++) {
            FlowConfig f = flows.get(i);
            if (f == null || f.id().isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(f.ref(), i);
            if (first != null) {
                problems.error(f.line(), "flow " + i, "flow " + first + " has the same id '" + f.id() + "' and ver "
                        + f.ver() + "; give each flow its own id, or a new ver");
            }
        }
    }

    /**
     * Warnings about the links of a flow. When a local flow-file can be read now, the flow as it will run (the file
     * laid over the config) is checked, and a file that does not load is a warning too: it is read again at every
     * trigger, so it may be fixed before the next one.
     */
    private static void checkLinks(FlowConfig flow, String path, Path baseDir, List<String> roots,
            TypeCatalog catalog, Problems problems) {
        if (!flow.flowFile().isEmpty() && baseDir != null && FlowRefKind.of(flow.flowFile()) == FlowRefKind.LOCAL) {
            List<ConfigProblem> found = new ArrayList<>();
            try {
                FlowFiles.local(baseDir, roots, catalog).load(flow, found);
            } catch (ConfigException e) {
                found.addAll(e.problems());
            }
            found.forEach(problems::warn);
            return;
        }
        FlowWarnings.of(flow, path).forEach(problems::warn);
    }
}
