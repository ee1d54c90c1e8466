package io.floe.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.runtime.ProcessInstance;

/**
 * Flowable's side of figure 13: an embedded process engine on an H2 file database, with the shape as two BPMN
 * processes. Its service tasks are synchronous (Flowable's default), so starting a process runs it to its end in the
 * caller's thread, one database transaction per run, and the three tasks of the parallel gateway run one after
 * another in that thread; the async executor is off, as nothing is asynchronous.
 */
final class FlowablePeerSide implements PeerShape {
    private final Path root;
    private final ProcessEngine engine;
    private final RuntimeService runtime;

    FlowablePeerSide(int connections) throws IOException {
        root = Engines.tempDir("peer-flowable");
        engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:file:" + root.resolve("flowable"))
                .setJdbcDriver("org.h2.Driver")
                .setJdbcUsername("sa")
                .setJdbcPassword("")
                .setJdbcMaxActiveConnections(connections)
                .setJdbcMaxIdleConnections(connections) // not 5, the default: no connection opened per run
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .buildProcessEngine();
        var deployment = engine.getRepositoryService().createDeployment().name("floe-bench peer");
        for (Work w : Work.values()) {
            deployment.addString(w.flow + ".bpmn20.xml", bpmn(w.flow, delegate(w).getName()));
        }
        deployment.deploy();
        runtime = engine.getRuntimeService();
    }

    /** The history level the engine records at (Flowable's default unless configured), for the report. */
    String history() {
        return engine.getProcessEngineConfiguration().getHistoryLevel().toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public ClosedLoop.Run run(Work work) {
        return () -> {
            ProcessInstance p = runtime.startProcessInstanceByKey(work.flow);
            if (!p.isEnded()) {
                throw new IllegalStateException("Flowable's process " + work.flow + " (" + p.getId()
                        + ") did not run to its end in the starting call: are its tasks still synchronous?");
            }
        };
    }

    private static Class<? extends JavaDelegate> delegate(Work work) {
        return switch (work) {
            case NOOP -> Noop.class;
            case EXEC -> Exec.class;
        };
    }

    /** start → parallel fork → three service tasks of {@code delegate} → parallel join → end. */
    static String bpmn(String id, String delegate) {
        StringBuilder tasks = new StringBuilder();
        for (String t : new String[] {"a", "b", "c"}) {
            tasks.append(String.format("""
                        <sequenceFlow id="fork-%1$s" sourceRef="fork" targetRef="%1$s"/>
                        <serviceTask id="%1$s" flowable:class="%2$s"/>
                        <sequenceFlow id="%1$s-join" sourceRef="%1$s" targetRef="join"/>
                    """, t, delegate));
        }
        return String.format("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:flowable="http://flowable.org/bpmn" targetNamespace="https://floe.io/bench">
                  <process id="%s" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="start-fork" sourceRef="start" targetRef="fork"/>
                    <parallelGateway id="fork"/>
                %s    <parallelGateway id="join"/>
                    <sequenceFlow id="join-end" sourceRef="join" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """, id, tasks);
    }

    /** A task that does nothing. */
    public static final class Noop implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            // nothing: the engine's own cost is what is measured
        }
    }

    /** A task that starts {@code /bin/true} with {@link ProcessBuilder} and waits for it, as the raw rate does. */
    public static final class Exec implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            try {
                Process p = new ProcessBuilder("/bin/true").redirectErrorStream(true).start();
                p.getOutputStream().close();
                p.getInputStream().readAllBytes();
                int status = p.waitFor();
                if (status != 0) {
                    throw new IllegalStateException("/bin/true exited with " + status);
                }
            } catch (IOException e) {
                throw new IllegalStateException("starting /bin/true failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while /bin/true ran", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        engine.close();
        Engines.delete(root);
    }
}
