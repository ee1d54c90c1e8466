package io.floe.engine.config;

/** Where a {@code flow-file} reference points (floe-spec §2.10, CFG-06). */
public enum FlowRefKind {
    /** A path on this host; a relative one is read from the config file's folder. */
    LOCAL,
    /** A file in a git repository: the reference contains {@code git@}. */
    GIT,
    /** An http(s) URL: the reference starts with {@code http}. */
    WEB;

    /** The kind of {@code ref}, by the original's rules: {@code git@} anywhere, then an {@code http} prefix. */
    public static FlowRefKind of(String ref) {
        if (ref.contains("git@")) {
            return GIT;
        }
        if (ref.startsWith("http")) {
            return WEB;
        }
        return LOCAL;
    }
}
