package hudson;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Stand-in for {@code hudson.Launcher} (compile only): starts processes where a build runs. */
public abstract class Launcher {
    private Launcher() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public final ProcStarter launch() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** Stand-in for {@code hudson.Launcher.ProcStarter} (compile only). */
    public final class ProcStarter {
        private ProcStarter() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public ProcStarter pwd(FilePath workDir) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public ProcStarter readStdout() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("compile-only stand-in");
        }

        public Proc start() throws IOException {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    }
}
