package io.floe.standalone;

import io.floe.engine.EngineBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The standalone host uses the engine through its API and SPI only (docs/ARCHITECTURE.md). */
class EngineBoundaryTest {
    /**
     * Temporary: what the host still uses of the engine's inside. Each entry names the issue part that removes it;
     * shrink this list, never grow it.
     */
    private static final Set<String> STILL_INTERNAL = Set.of(
            // cluster plumbing, issue 17 §4: Dispatch/offering is being redesigned; cluster/, ws/ and api/RunRelay
            // reach these until then
            "io.floe.engine.hub.HostTags",
            "io.floe.engine.hub.OfferResult",
            "io.floe.engine.hub.RemoteDispatch",
            "io.floe.engine.store.jdbc.FlowDefinitions", // api/OfferedFlows hashes offered flow definitions
            // trigger matching in webhook/GitPushRoute and config/ConfigReloader, issue 17 §1: the typed trigger call
            // lets the engine match a git push itself
            "io.floe.engine.trigger.GitPushTrigger",
            "io.floe.engine.trigger.RepoUrl");

    @Test
    void usesTheEnginesApiAndSpiOnly() {
        EngineBoundary.check("io.floe.standalone", STILL_INTERNAL);
    }
}
