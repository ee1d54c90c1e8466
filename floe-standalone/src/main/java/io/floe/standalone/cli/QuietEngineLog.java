package io.floe.standalone.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code floe run} prints every event of its run, the config's warnings and its own errors itself; the engine's log
 * would say each of them again (a missing flow-file showed up five times). So the engine's log is off while the
 * command runs, unless asked for with {@code -Dfloe.log.level=…}; closing puts the level back.
 */
final class QuietEngineLog implements AutoCloseable {
    private final Logger engine;
    private final Level before;

    private QuietEngineLog(Logger engine) {
        this.engine = engine;
        this.before = engine == null ? null : engine.getLevel();
        if (engine != null) {
            engine.setLevel(Level.OFF);
        }
    }

    static QuietEngineLog apply() {
        boolean asked = System.getProperty("floe.log.level") != null;
        return new QuietEngineLog(!asked && LoggerFactory.getLogger("io.floe.engine") instanceof Logger l ? l : null);
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.setLevel(before);
        }
    }
}
