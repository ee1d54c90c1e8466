package io.floe.engine;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine's layers (docs/ARCHITECTURE.md) as one rule every adapter module applies to its own main classes: an
 * adapter (the standalone host, the Jenkins plugin, a store module) uses the engine's API and SPI; the JDBC support
 * package only from a store module ({@code io.floe.store..}); nothing internal. A module's test calls
 * {@link #check(String, Set)} with its root package and the named allowances it still needs.
 */
public final class EngineBoundary {
    /** What a package of the engine is for whoever uses it from outside. */
    public enum Layer {
        API, SPI, STORE_SUPPORT, INTERNAL, NOT_ENGINE
    }

    private static final String ROOT = "io.floe.engine";
    private static final Set<String> API = Set.of(ROOT, ROOT + ".config", ROOT + ".event", ROOT + ".view",
            ROOT + ".embed", ROOT + ".artifact", ROOT + ".run", ROOT + ".json");
    private static final String SPI = ROOT + ".spi";
    private static final String STORE_SUPPORT = ROOT + ".store.jdbc";
    private static final String STORE_MODULES = "io.floe.store";

    /** For an internal package, the layer to use instead. */
    private static final Map<String, String> INSTEAD = Map.of(
            ROOT + ".hub", "the Floe entry point and its results in io.floe.engine (TriggerOutcome, DataReceipt,"
                    + " StoreHealth …), or io.floe.engine.spi.FlowFileResolver",
            ROOT + ".node", "io.floe.engine.spi (TaskType, TaskContext, ProcessLauncher, NodeTypes to register a"
                    + " type) or io.floe.engine.config.DataForm for a data node's form",
            ROOT + ".store.local", "io.floe.engine.run.RunStores.open(type, root) and the io.floe.engine.spi.RunStore"
                    + " it returns",
            ROOT + ".trigger", "Floe's trigger methods (the engine matches triggers itself)",
            ROOT + ".graph", "io.floe.engine.view (RunView) or io.floe.engine.embed.GraphJson",
            ROOT + ".workspace", "Floe.workspaceRoot() and the paths the API returns");

    /** Main classes: not test classes, also when -Dfloe.build.suffix moves target/ to target-x/. */
    private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/");

    private EngineBoundary() {}

    /** The layer of a package, for classes outside the engine (what they may use). */
    public static Layer layerOf(String pkg) {
        if (!(pkg.equals(ROOT) || pkg.startsWith(ROOT + "."))) {
            return Layer.NOT_ENGINE;
        }
        if (API.contains(pkg)) {
            return Layer.API;
        }
        if (pkg.equals(SPI) || pkg.startsWith(SPI + ".")) {
            return Layer.SPI;
        }
        if (pkg.equals(STORE_SUPPORT)) {
            return Layer.STORE_SUPPORT;
        }
        return Layer.INTERNAL;
    }

    /**
     * The rule: classes of {@code adapterPackage} depend on the engine's API and SPI only (the store support package
     * too when the adapter is a store module), except on the classes named in {@code allowed} (fully qualified
     * top-level names; each a temporary, commented allowance in the caller).
     */
    public static ArchRule rule(String adapterPackage, Set<String> allowed) {
        boolean store = adapterPackage.equals(STORE_MODULES) || adapterPackage.startsWith(STORE_MODULES + ".");
        return ArchRuleDefinition.classes().should(useApiAndSpiOnly(store, allowed))
                .because("adapters use the engine through its API (io.floe.engine, config, event, view, embed,"
                        + " artifact, run, json) and SPI (io.floe.engine.spi); see docs/ARCHITECTURE.md");
    }

    /** Imports {@code adapterPackage}'s main classes (not tests) and checks {@link #rule} on them. */
    public static void check(String adapterPackage, Set<String> allowed) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(MAIN_CLASSES_ONLY)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(adapterPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no main classes of " + adapterPackage + " found on the class path: the boundary"
                    + " check would pass without checking anything");
        }
        rule(adapterPackage, allowed).check(classes);
    }

    private static ArchCondition<JavaClass> useApiAndSpiOnly(boolean store, Set<String> allowed) {
        return new ArchCondition<>("use only the engine's API and SPI") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Set<String> seen = new LinkedHashSet<>();
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.isArray()) {
                        target = target.getBaseComponentType();
                    }
                    String top = topLevel(target.getName());
                    String why = problem(target.getPackageName(), store);
                    if (why != null && !allowed.contains(top) && seen.add(top)) {
                        events.add(SimpleConditionEvent.violated(d, origin.getName() + " uses " + top + ", " + why
                                + " " + d.getSourceCodeLocation()));
                    }
                }
            }
        };
    }

    private static String problem(String pkg, boolean store) {
        return switch (layerOf(pkg)) {
            case API, SPI, NOT_ENGINE -> null;
            case STORE_SUPPORT -> store ? null : "the JDBC support of store modules (io.floe.store..) only: use"
                    + " io.floe.engine.spi.RunStore and the io.floe.engine.run value types instead";
            case INTERNAL -> "which is internal to the engine: use " + INSTEAD.entrySet().stream()
                    .filter(e -> pkg.equals(e.getKey()) || pkg.startsWith(e.getKey() + "."))
                    .map(Map.Entry::getValue).findFirst()
                    .orElse("the API (io.floe.engine and its model packages) or the SPI (io.floe.engine.spi)")
                    + ", or add an API entry to Floe or Floe.Builder";
        };
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }
}
