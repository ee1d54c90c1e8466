package io.floe.store.postgres;

import io.floe.engine.EngineBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store uses the engine's API, its SPI and the JDBC support of store modules, nothing internal. */
class EngineBoundaryTest {
    @Test
    void usesTheEnginesApiSpiAndStoreSupportOnly() {
        EngineBoundary.check("io.floe.store.postgres", Set.of());
    }
}
