package io.jenkins.plugins.floe;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a task's {@code artifacts} are in a build's workspace, as Jenkins' archiver names them: its globs as Ant
 * patterns under the task's folder ({@code sub-dir}), each also keeping all under a folder it matches, as the engine
 * does; each file archived under its path in the workspace, as Jenkins' own "Archive the artifacts" step does.
 *
 * @param folder the task's folder relative to the workspace, with {@code /}; empty for the workspace itself
 * @param globs  the task's globs, already checked by the engine's config rule (relative, no {@code ..})
 */
record ArtifactPaths(String folder, List<String> globs) {

    ArtifactPaths {
        folder = clean(folder == null ? "" : folder);
        for (String part : folder.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("sub-dir '" + folder + "' climbs out of the workspace");
            }
        }
        if (folder.startsWith("/")) {
            throw new IllegalArgumentException("sub-dir '" + folder + "' is not inside the workspace");
        }
        globs = List.copyOf(globs);
    }

    /** The Ant includes: each glob, and all under it when it names a folder. */
    String includes() {
        List<String> out = new ArrayList<>();
        for (String g : globs) {
            String c = clean(g);
            if (c.contains(",")) {
                throw new IllegalArgumentException("artifacts glob '" + g + "' has a comma, which Jenkins reads as "
                        + "two globs: list them apart");
            }
            out.add(c);
            out.add(c + "/**");
        }
        return String.join(",", out);
    }

    /** A matched file's path relative to the task's folder, from the two paths as the agent names them. */
    static String relative(String folderRemote, String fileRemote) {
        String f = fileRemote.replace('\\', '/');
        String base = folderRemote.replace('\\', '/');
        base = base.endsWith("/") ? base : base + "/";
        if (!f.startsWith(base)) {
            throw new IllegalArgumentException(fileRemote + " is not in " + folderRemote);
        }
        return f.substring(base.length());
    }

    /** Where the file {@code relative} to the task's folder is in the workspace (and so in the build's artifacts). */
    String inWorkspace(String relative) {
        return folder.isEmpty() ? relative : folder + "/" + relative;
    }

    /** Every path from the workspace down to the file: none of them may be a symbolic link. */
    List<String> steps(String relative) {
        List<String> out = new ArrayList<>();
        StringBuilder at = new StringBuilder();
        for (String part : inWorkspace(relative).split("/")) {
            at.append(at.length() == 0 ? "" : "/").append(part);
            out.add(at.toString());
        }
        return out;
    }

    private static String clean(String path) {
        String p = path.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }
}
