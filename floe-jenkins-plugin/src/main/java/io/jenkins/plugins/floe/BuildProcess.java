package io.jenkins.plugins.floe;

import hudson.Proc;
import io.floe.engine.spi.LaunchedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A process started through a build's launcher, as the engine sees processes. */
final class BuildProcess implements LaunchedProcess {
    private static final Logger LOGGER = LoggerFactory.getLogger(BuildProcess.class);

    private final Proc proc;
    private final String program;

    BuildProcess(Proc proc, String program) {
        this.proc = proc;
        this.program = program;
    }

    @Override
    public InputStream output() {
        return proc.getStdout();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return proc.join();
        } catch (IOException e) {
            throw new UncheckedIOException("lost the process " + program + " on the agent: " + e.getMessage(), e);
        }
    }

    /** Kills the process tree off the caller's thread: on an agent that is a remote call, not to be waited on. */
    @Override
    public void killTree() {
        CompletableFuture.runAsync(() -> {
            try {
                proc.kill();
            } catch (IOException e) {
                LOGGER.warn("could not kill {} on the agent: {}", program, e.toString(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public String toString() {
        return "process " + program;
    }
}
