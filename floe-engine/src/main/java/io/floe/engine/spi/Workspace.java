package io.floe.engine.spi;

import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.workspace.RealPaths;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A run's workspace folder: {@code <workspace-root>/spaces/<flow id>/ws/<host>-<n>}, or {@code …/ws/single} for a
 * flow with {@code reuse-space}.
 */
public record Workspace(Path root) {

    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    /** Where a run's workspace lives under the host's workspace root. */
    public static Workspace of(Path workspaceRoot, FlowRef flow, HostedRef run, boolean reuseSpace) {
        return new Workspace(workspaceRoot.resolve("spaces").resolve(flow.id()).resolve("ws")
                .resolve(reuseSpace ? "single" : run.toString()));
    }

    /**
     * Resolves a path relative to the workspace ({@code sub-dir}, {@code location}…), refusing one that climbs out,
     * by its text ({@code ../x}, {@code /etc}) or through a symbolic link on the disk (a task's {@code ln -s /etc out}
     * or one checked out of a repository): where the path really leads must be inside the workspace.
     *
     * @param what names the option in the error, e.g. {@code sub-dir}
     * @throws IllegalArgumentException naming the option and the path when it leaves the workspace
     */
    public Path resolveInside(String what, String relative) {
        if (relative == null || relative.isBlank()) {
            return root;
        }
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(what + " '" + relative + "' climbs out of the workspace " + root
                    + ": give a path inside it");
        }
        Path real;
        try {
            if (RealPaths.inside(p, root)) {
                return p;
            }
            real = RealPaths.of(p);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " '" + relative + "' in the workspace " + root
                    + " can not be followed (" + e.getMessage() + "): give a plain folder inside it", e);
        }
        throw new IllegalArgumentException(what + " '" + relative + "' leads through a symbolic link to " + real
                + ", outside the workspace " + root + ": give a path inside it, or replace the link");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
