package io.jenkins.plugins.floe;

import io.floe.engine.EngineBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Jenkins plugin (its sources, compiled here) uses the engine through its API and SPI only. */
class EngineBoundaryTest {
    @Test
    void usesTheEnginesApiAndSpiOnly() {
        EngineBoundary.check("io.jenkins.plugins.floe", Set.of());
    }
}
