package io.floe.engine.config;

import java.io.IOException;

/**
 * Reads the text of a flow-file for one kind of reference ({@link FlowRefKind}). The host registers one per kind it
 * supports with {@link FlowFiles#with(FlowRefKind, FlowFileSource)}.
 */
@FunctionalInterface
public interface FlowFileSource {
    /**
     * The YAML text {@code ref} points to.
     *
     * @throws IOException when it can not be read; the message should say what was tried (path, URL, commit)
     */
    String read(String ref) throws IOException;
}
