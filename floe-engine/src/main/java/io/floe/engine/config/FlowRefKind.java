package io.floe.engine.config;

/** Where a {@code flow-file} reference points (floe-spec §2.10, CFG-06). */
public enum FlowRefKind {
    /** A path on this host; a relative one is read from the config file's folder. */
    LOCAL,
    /**
     * A file in a git repository: the reference contains {@code git@}, or names a path inside a {@code .git}
     * repository ({@code https://host/org/repo.git/build/FLOE.yaml}, {@code file:///srv/repo.git/FLOE.yaml}).
     */
    GIT,
    /** An http(s) URL: the reference starts with {@code http}. */
    WEB;

    /** The kind of {@code ref}: {@code git@} anywhere or a {@code .git/} path, then an {@code http} prefix. */
    public static FlowRefKind of(String ref) {
        if (ref.contains("git@") || ref.indexOf(".git/") > 0) {
            return GIT;
        }
        if (ref.startsWith("http")) {
            return WEB;
        }
        return LOCAL;
    }
}
