package io.floe.standalone;

import io.floe.engine.EngineBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The standalone host uses the engine through its API and SPI only (docs/ARCHITECTURE.md). */
class EngineBoundaryTest {
    @Test
    void usesTheEnginesApiAndSpiOnly() {
        EngineBoundary.check("io.floe.standalone", Set.of());
    }
}
