package io.floe.engine.embed;

import io.floe.engine.config.FlowFileSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a flow's local {@code flow-file} from the build's workspace, where the job checked its repository out, and
 * never from the machine the engine runs on: a reference is a path inside the workspace, so an absolute path or one
 * that climbs out with {@code ..} is refused.
 */
public final class WorkspaceFlowFiles implements FlowFileSource {
    /** For runs without a workspace to read from: every local flow-file is refused (git and http ones still load). */
    public static final FlowFileSource NONE = ref -> {
        throw new IOException("the local flow-file " + ref + " can not be read here: give the flow inline, or use a "
                + "git or http(s) flow-file");
    };

    /** Reads a file of the workspace, given its path relative to the workspace with {@code /} between names. */
    @FunctionalInterface
    public interface Reader {
        String read(String relativePath) throws IOException;
    }

    private final Reader reader;

    public WorkspaceFlowFiles(Reader reader) {
        this.reader = reader;
    }

    @Override
    public String read(String ref) throws IOException {
        return reader.read(relative(ref));
    }

    /**
     * The reference as a plain relative path: {@code ./ci/flow.yml} gives {@code ci/flow.yml}.
     *
     * @throws IOException naming the reference when it is absolute or leaves the workspace
     */
    public static String relative(String ref) throws IOException {
        String r = ref == null ? "" : ref.trim().replace('\\', '/');
        if (r.isEmpty() || r.startsWith("/") || r.startsWith("~") || r.matches("^[A-Za-z]:.*")) {
            throw new IOException("the flow-file " + ref + " is not a path inside the build's workspace: give it "
                    + "relative to the workspace, e.g. ci/flow.yml");
        }
        List<String> parts = new ArrayList<>();
        for (String part : r.split("/")) {
            if (part.equals("..")) {
                throw new IOException("the flow-file " + ref + " climbs out of the build's workspace: give a path "
                        + "inside it");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("the flow-file " + ref + " names the workspace itself, not a file in it");
        }
        return String.join("/", parts);
    }
}
