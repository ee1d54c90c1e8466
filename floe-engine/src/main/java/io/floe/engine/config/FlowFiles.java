package io.floe.engine.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow-files (floe-spec §2.10): a flow whose definition lives in a separate file, read each time one of its triggers
 * fires. Reading is delegated to one {@link FlowFileSource} per {@link FlowRefKind}; this class parses the file as a
 * single flow and lays it over the configured flow. Immutable; {@link #with} gives a copy that reads one more kind.
 */
public final class FlowFiles {
    private static final Logger LOG = LoggerFactory.getLogger(FlowFiles.class);

    private final TypeCatalog catalog;
    private final Map<FlowRefKind, FlowFileSource> sources;

    /**
     * @param catalog the node types to check the file's nodes against, or null to skip type checks
     * @param sources how to read each kind of reference this host supports
     */
    public FlowFiles(TypeCatalog catalog, Map<FlowRefKind, FlowFileSource> sources) {
        this.catalog = catalog;
        EnumMap<FlowRefKind, FlowFileSource> copy = new EnumMap<>(FlowRefKind.class);
        copy.putAll(sources);
        this.sources = copy;
    }

    /** Reads local flow-files only, relative ones from {@code configDir} (the folder of the config file). */
    public static FlowFiles local(Path configDir, TypeCatalog catalog) {
        return local(configDir, List.of(), catalog);
    }

    /**
     * Reads local flow-files only, from {@code configDir} (the folder of the config file) and the folders of the
     * config's {@code flow-file-roots}.
     */
    public static FlowFiles local(Path configDir, List<String> roots, TypeCatalog catalog) {
        return new FlowFiles(catalog, Map.of(FlowRefKind.LOCAL, new LocalFlowFileSource(configDir, roots)));
    }

    /** A copy that reads references of {@code kind} with {@code source}. */
    public FlowFiles with(FlowRefKind kind, FlowFileSource source) {
        Map<FlowRefKind, FlowFileSource> more = new EnumMap<>(sources);
        more.put(kind, source);
        return new FlowFiles(catalog, more);
    }

    public boolean supports(FlowRefKind kind) {
        return sources.containsKey(kind);
    }

    /** The kind of a flow-file reference (CFG-06). */
    public static FlowRefKind classify(String ref) {
        return FlowRefKind.of(ref);
    }

    /**
     * The flow to run: {@code configured} itself when it has no flow-file, else the flow-file read, parsed and
     * applied over it ({@link #apply}). Warnings about the result (dangling listens, unreachable nodes) are logged.
     *
     * @throws ConfigException when the file can not be read (located at the configured flow) or is not a valid flow
     *                         (located in the flow-file, by line)
     */
    public FlowConfig load(FlowConfig configured) throws ConfigException {
        List<ConfigProblem> warnings = new ArrayList<>();
        FlowConfig flow = load(configured, warnings);
        warnings.forEach(w -> LOG.warn("{}", w));
        return flow;
    }

    /** As {@link #load(FlowConfig)}, adding the warnings to {@code warnings} instead of logging them. */
    FlowConfig load(FlowConfig configured, List<ConfigProblem> warnings) throws ConfigException {
        String ref = configured.flowFile();
        if (ref.isEmpty()) {
            return configured;
        }
        String where = "flow " + configured.ref();
        FlowRefKind kind = classify(ref);
        FlowFileSource source = sources.get(kind);
        if (source == null) {
            String known = sources.keySet().stream().map(k -> k.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new ConfigException(new ConfigProblem(configured.source(), configured.line(), where,
                    "flow-file '" + ref + "' is a " + kind.name().toLowerCase(Locale.ROOT)
                            + " reference, which this host can not read (it reads: " + known + ")"));
        }
        String text;
        try {
            text = source.read(ref);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(configured.source(), configured.line(), where,
                    "could not read flow-file '" + ref + "': " + e.getMessage()));
        } catch (RuntimeException e) {
            // a source must never take the trigger's thread down with it; report it like a read failure
            throw new ConfigException(new ConfigProblem(configured.source(), configured.line(), where,
                    "could not read flow-file '" + ref + "': " + e));
        }
        FlowConfig fromFile = ConfigLoader.readFlow(text, ref, catalog, warnings);
        if (!fromFile.triggers().isEmpty()) {
            warnings.add(new ConfigProblem(ref, fromFile.line(), "",
                    "triggers in a flow-file are ignored; the configured flow's triggers are used"));
        }
        FlowConfig merged = apply(configured, fromFile);
        checkUniqueIds(merged, fromFile.tasks().isEmpty() ? configured.source() : ref);
        warnings.addAll(FlowWarnings.of(merged, fromFile.tasks().isEmpty() ? configured.source() : ref, ""));
        return merged;
    }

    /**
     * Lays {@code fromFile} over {@code configured}: name, host-tags, resource-tags, env and tasks replace the
     * configured ones when the file's are not empty; reuse-space is always the file's; id, ver, triggers and
     * flow-file are always the configured ones. Neither input is changed.
     */
    public static FlowConfig apply(FlowConfig configured, FlowConfig fromFile) {
        return new FlowConfig(
                configured.id(),
                configured.ver(),
                configured.flowFile(),
                fromFile.name().isEmpty() ? configured.name() : fromFile.name(),
                fromFile.reuseSpace(),
                fromFile.hostTags().isEmpty() ? configured.hostTags() : fromFile.hostTags(),
                fromFile.resourceTags().isEmpty() ? configured.resourceTags() : fromFile.resourceTags(),
                fromFile.env().isEmpty() ? configured.env() : fromFile.env(),
                configured.triggers(),
                fromFile.tasks().isEmpty() ? configured.tasks() : fromFile.tasks(),
                configured.source(),
                configured.line(),
                configured.notifications()); // receivers come from the config, which its author controls
    }

    /** The file's tasks must not reuse an id of the configured triggers. */
    private static void checkUniqueIds(FlowConfig merged, String file) throws ConfigException {
        Map<String, List<NodeConfig>> byId = new LinkedHashMap<>();
        for (NodeConfig n : merged.nodes()) {
            byId.computeIfAbsent(n.id(), k -> new ArrayList<>()).add(n);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                problems.add(new ConfigProblem(file, same.get(1).line(), "", same.size() + " nodes have id: " + id));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
