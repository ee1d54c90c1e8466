package io.floe.engine.node.exec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds a program in the {@code PATH} of the task's environment (floe-spec §2.9 item 5), so a node env that changes
 * PATH decides which program runs; Java itself would search the host's PATH.
 */
final class PathLookup {
    private PathLookup() {}

    /**
     * The first regular, executable file named {@code program} in {@code env}'s PATH; a relative PATH entry (an
     * empty one means {@code .}) is taken relative to {@code dir}, as the child's shell would. A program containing
     * {@code /}, no PATH, or no match: the program unchanged.
     */
    static String find(String program, Map<String, String> env, Path dir) {
        String path = env.get("PATH");
        if (path == null || program.isEmpty() || program.contains("/")) {
            return program;
        }
        for (String entry : path.split(":", -1)) {
            try {
                Path candidate = dir.resolve(entry.isEmpty() ? "." : entry).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            } catch (InvalidPathException e) {
                // a PATH entry that is no path can not hold the program
            }
        }
        return program;
    }
}
