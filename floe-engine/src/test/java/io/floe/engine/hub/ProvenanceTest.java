package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.TriggerCall;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.run.Provenance;
import io.floe.engine.view.StartedBy;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run records what started it; values from outside never pose as that record. */
class ProvenanceTest {
    @TempDir
    Path dir;

    private static final String FLOW = """
            flows:
              - id: build
                ver: 1
                triggers:
                  - {name: go, type: data, opts: {form: {title: Go, fields: [{id: note, prompt: Note, type: text}]}}}
                  - {name: hook, type: git-push, opts: {url: "https://git.example/app.git"}}
                tasks:
                  - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo hi"}}
                  - {name: end, listen: task.say.good, type: end}
            """;

    @Test
    void aPendAnotherHostOfferedIsRecordedAsThatPeersUnlessItSaysWhoStartedIt() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            io.floe.engine.config.FlowConfig flow = h.floe.config().latest("build").orElseThrow();
            java.util.function.BiFunction<Long, Map<String, Object>, io.floe.engine.run.RunRecord> pend = (n, opts) ->
                    new io.floe.engine.run.RunRecord(new RunRef(flow.ref(), new HostedRef("h2", n), ""), flow,
                            flow.trigger("go").orElseThrow().ref(), opts, io.floe.engine.run.RunStatus.PENDING,
                            java.time.Instant.now(), null, null, false, "");
            h.floe.offer(pend.apply(7L, Map.of("note", "from the original"))).join();
            h.events.awaitEnd(new HostedRef("h2", 7));
            StartedBy by = h.floe.runView(new HostedRef("h2", 7)).orElseThrow().summary().startedBy();
            assertThat(by.kind()).isEqualTo("peer");
            assertThat(by.text()).isEqualTo("peer host h2");

            h.floe.offer(pend.apply(8L, Provenance.user("alice").stamp(Map.of()))).join();
            h.events.awaitEnd(new HostedRef("h2", 8));
            assertThat(h.floe.runView(new HostedRef("h2", 8)).orElseThrow().summary().startedBy().text())
                    .isEqualTo("alice");
        }
    }

    @Test
    void aPersonWhoTriggersIsRecordedByName() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            HostedRef run = h.floe.trigger(TriggerCall.of("build", "go", Map.of("note", "x"))
                    .by(Provenance.user("alice"))).join()
                    .pends().get(0).id();
            h.events.awaitEnd(run);
            StartedBy by = h.floe.runView(run).orElseThrow().summary().startedBy();
            assertThat(by.kind()).isEqualTo("user");
            assertThat(by.text()).isEqualTo("alice");
            // the form's values are still just the form's values
            assertThat(h.floe.runView(run).orElseThrow().triggers().get(0).fields().get(0).value()).isEqualTo("x");
        }
    }

    @Test
    void aWebhookDeliveryIsRecordedWithItsIdAndRepository() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            Map<String, Object> payload = Map.of("url", "https://git.example/app.git", "branch", "main",
                    "delivery", "d-42", Provenance.KEY, Map.of("kind", "user", "name", "mallory"));
            HostedRef run = h.floe.trigger(new TriggerCall(new FlowRef("build", 1), "hook", "git-push", payload, "",
                    null).once("webhook/d-42")).join().pends().get(0).id();
            h.events.awaitEnd(run);
            StartedBy by = h.floe.runView(run).orElseThrow().summary().startedBy();
            assertThat(by.kind()).isEqualTo("webhook"); // not the user the payload claimed
            assertThat(by.name()).isEqualTo("https://git.example/app.git");
            assertThat(by.detail()).isEqualTo("d-42");
            assertThat(by.text()).isEqualTo("webhook delivery d-42 of https://git.example/app.git");
        }
    }

    @Test
    void aFormCannotClaimToHaveBeenStartedBySomeoneElse() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            assertThatThrownBy(() -> h.floe.trigger(TriggerCall.of("build", "go", Map.of(Provenance.KEY, "admin"))
                    .by(Provenance.user("bob"))).join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining(Provenance.KEY);
        }
    }

    @Test
    void aRunStartedOnThisHostWithoutARequestSaysSo() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            HostedRef run = h.trigger("build");
            h.events.awaitEnd(run);
            assertThat(h.floe.runView(run).orElseThrow().summary().startedBy().kind()).isEqualTo("local");
        }
    }
}
