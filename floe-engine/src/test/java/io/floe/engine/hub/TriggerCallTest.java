package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.RepoPush;
import io.floe.engine.TriggerCall;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.FlowFileResolver;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.view.StartedBy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link io.floe.engine.Floe#trigger(TriggerCall)}: one typed call for every way a run is started. */
class TriggerCallTest {
    @TempDir
    Path dir;

    private static final String HTTPS = "https://git.example/acme/app.git";
    private static final String SSH = "git@git.example:acme/app.git";

    @Test
    void aPushIsMatchedOnceAndStartsEachMatchingFlowOnceThroughItsFirstMatchingTrigger() throws Exception {
        String yaml = """
                flows:
                  - id: app
                    ver: 1
                    triggers:
                      - {name: main, type: git-push, opts: {url: "%s", branch: main}}
                      - {name: any, type: git-push, opts: {url: "%s"}}
                    tasks: [{name: end, listen: trigger.good, type: end}]
                  - id: anywhere
                    ver: 1
                    triggers: [{name: all, type: git-push}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                  - id: other-repo
                    ver: 1
                    triggers: [{name: push, type: git-push, opts: {url: "https://git.example/acme/other.git"}}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                  - id: releases
                    ver: 1
                    triggers: [{name: tagged, type: git-push, opts: {url: "%s", tag: "v*"}}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                  - id: form
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                """.formatted(SSH, HTTPS, HTTPS);
        try (TestHost h = TestHost.start(yaml, dir)) {
            RepoPush push = new RepoPush(List.of(HTTPS, SSH), "main", "", "c0ffee", "d-1");
            TriggerOutcome out = h.floe.trigger(TriggerCall.push(push).once("webhook/github/d-1")).join();

            assertThat(out.errors()).isEmpty();
            assertThat(out.noneMatched()).isFalse();
            assertThat(out.pends()).extracting(p -> p.flow().id() + " " + p.trigger().id())
                    .containsExactlyInAnyOrder("app main", "anywhere all");
            RunRecord app = out.pends().stream().filter(p -> p.flow().id().equals("app")).findFirst().orElseThrow();
            h.events.awaitEnd(app.id());
            // the flow gets the repository in the form its trigger names, and records which delivery started it
            assertThat(app.opts()).containsEntry("url", SSH).containsEntry("branch", "main")
                    .containsEntry("hash", "c0ffee").containsEntry("delivery", "d-1");
            StartedBy by = h.floe.runView(app.id()).orElseThrow().summary().startedBy();
            assertThat(by.text()).isEqualTo("webhook delivery d-1 of " + SSH);
            RunRecord anywhere = out.pends().stream().filter(p -> !p.equals(app)).findFirst().orElseThrow();
            h.events.awaitEnd(anywhere.id());
            assertThat(anywhere.opts()).containsEntry("url", HTTPS);
            // one push, one inbound event, whatever number of flows it starts
            assertThat(h.events.all()).filteredOn(e -> e.tag().equals(Tags.inbound("git-push"))).hasSize(1);

            // the same delivery again starts nothing, and says which runs it started
            TriggerOutcome again = h.floe.trigger(TriggerCall.push(push).once("webhook/github/d-1")).join();
            assertThat(again.pends()).isEmpty();
            assertThat(again.noneMatched()).isFalse();
            assertThat(again.errors()).hasSize(2).allMatch(e -> e.contains("already started run h1-"));

            // a push no trigger wants says so
            TriggerOutcome elsewhere = h.floe.trigger(TriggerCall.push(new RepoPush(
                    List.of("https://git.example/acme/unknown.git"), "", "v2", "beef", ""))).join();
            assertThat(elsewhere.pends()).isEmpty();
            assertThat(elsewhere.noneMatched()).isTrue();
        }
    }

    @Test
    void aCallWithAOnceKeyStartsItsFlowOnceForThatKey() throws Exception {
        String yaml = """
                flows:
                  - id: build
                    ver: 1
                    triggers: [{name: go, type: data, opts: {form: {fields: [{id: note, prompt: Note, type: text}]}}}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            TriggerCall call = TriggerCall.of("build", "go", Map.of("note", "x")).by(Provenance.user("alice"))
                    .once("form/42");
            List<CompletableFuture<TriggerOutcome>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(h.floe.trigger(call));
            }
            List<HostedRef> started = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (var f : all) {
                f.join().pends().forEach(p -> started.add(p.id()));
                refused.addAll(f.join().errors());
            }
            assertThat(started).hasSize(1);
            assertThat(refused).hasSize(5).allMatch(e -> e.contains("form/42/build")
                    && e.contains("already started run " + started.get(0)));
            h.events.awaitEnd(started.get(0));
            assertThat(h.floe.runView(started.get(0)).orElseThrow().summary().startedBy().text()).isEqualTo("alice");

            assertThat(h.floe.trigger(call.once("form/43")).join().pends()).hasSize(1);
            assertThat(h.floe.trigger(call.once("")).join().pends()).hasSize(1);
        }
    }

    /**
     * Without a flow-file nothing needs a task thread: the call hands the flow to the hub on the caller's thread, so
     * one caller's runs are adopted, and numbered, in the order it triggered them.
     */
    @Test
    void aFlowWithoutFlowFileIsAdoptedInTheOrderItsCallerTriggeredIt() throws Exception {
        String yaml = """
                flows:
                  - id: quick
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            List<CompletableFuture<TriggerOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(h.floe.trigger(TriggerCall.of("quick", "go", Map.of())));
            }
            List<Long> numbers = new ArrayList<>();
            for (var f : calls) {
                numbers.add(f.join().pends().get(0).id().id());
            }
            assertThat(numbers).isSorted().doesNotHaveDuplicates().hasSize(60);
        }
    }

    /** A flow-file may be read over http or from git: it is read on a task thread, never the caller's. */
    @Test
    void aFlowWithAFlowFileStillHasItResolvedOffTheCallersThread() throws Exception {
        String yaml = """
                flows:
                  - id: from-file
                    ver: 1
                    flow-file: ci/FLOE.yaml
                    triggers: [{name: go, type: data}]
                """;
        FlowConfig fromFile = ConfigLoader.parse("""
                flows:
                  - id: from-file
                    ver: 1
                    name: Read from the file
                    triggers: [{name: go, type: data}]
                    tasks: [{name: end, listen: trigger.good, type: end}]
                """, "FLOE.yaml", dir, NodeTypes.discover()).flows().get(0);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reading = new CountDownLatch(1);
        AtomicReference<Thread> readOn = new AtomicReference<>();
        FlowFileResolver slowFile = (flow, opts) -> {
            readOn.set(Thread.currentThread());
            reading.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the flow-file");
            }
            return fromFile;
        };
        try (TestHost h = TestHost.start(yaml, dir, b -> b.flowFiles(slowFile))) {
            CompletableFuture<TriggerOutcome> call = h.floe.trigger(TriggerCall.of("from-file", "go", Map.of()));
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
            // the call returned while the file was still being read
            assertThat(call).isNotDone();
            assertThat(readOn.get()).isNotSameAs(Thread.currentThread());
            release.countDown();
            HostedRef run = call.join().pends().get(0).id();
            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isTrue();
            assertThat(h.stored(run).record().flow().name()).isEqualTo("Read from the file");
        }
    }
}
