package io.floe.engine.node.fetch;

import io.floe.engine.config.Opts;
import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.Substitution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fetch task's opts: {@code url} (required), {@code checksum}, {@code checksum-algo}, {@code location}.
 *
 * @param checksum null when none is given
 */
record FetchOptions(String url, Checksum checksum, String location) {
    /** The original's message for a missing url, kept word for word. */
    static final String MISSING_URL = "problem getting fetch url option";

    private static final Workspace SOME_WORKSPACE = new Workspace(Path.of("/floe-check/ws"));

    /**
     * Reads the opts.
     *
     * @throws FetchException when the url is missing or the checksum can not be used
     */
    static FetchOptions from(Map<String, ?> opts) throws FetchException {
        String url = Opts.string(opts, "url").trim();
        if (url.isEmpty()) {
            throw new FetchException(MISSING_URL);
        }
        String value = Opts.string(opts, "checksum");
        Checksum checksum = value.isBlank() ? null : Checksum.parse(value, Opts.string(opts, "checksum-algo"));
        return new FetchOptions(url, checksum, Opts.string(opts, "location"));
    }

    /** What is wrong with a node's opts, found when the config loads. */
    static List<String> problems(Map<String, ?> opts) {
        List<String> out = new ArrayList<>();
        if (Opts.string(opts, "url").isBlank()) {
            // the url may come with the event that starts the task (a trigger's form); checked when it runs
            return out;
        }
        String algo = Opts.string(opts, "checksum-algo");
        if (!algo.isBlank() && ChecksumAlgorithm.named(algo).isEmpty() && Opts.string(opts, "checksum").isBlank()) {
            out.add("unknown checksum-algo '" + algo + "': use one of " + ChecksumAlgorithm.known());
        }
        FetchOptions fo;
        try {
            fo = from(opts);
        } catch (FetchException e) {
            out.add(e.getMessage());
            return out;
        }
        try {
            HttpUrl.parse(fo.url());
        } catch (FetchException e) {
            out.add(e.getMessage());
        }
        try {
            Placement.target(fo.location(), SOME_WORKSPACE, Substitution.leavingVars(SOME_WORKSPACE), "x");
        } catch (FetchException e) {
            out.add("location '" + fo.location() + "' climbs out of the workspace: give a path inside it");
        }
        return out;
    }
}
