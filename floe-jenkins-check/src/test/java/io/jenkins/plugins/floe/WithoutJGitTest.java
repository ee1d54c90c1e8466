package io.jenkins.plugins.floe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .hpi ships the engine without JGit or MINA sshd, and Jenkins' BOM supplies gson 2.13.1: the engine must read
 * and run a flow with exactly that, as the plugin does. The plugin's classes and the engine are loaded here in a class
 * loader built from this module's class path without JGit and sshd, and with gson 2.13.1 for 2.13.2.
 */
class WithoutJGitTest {
    private static final String HELLO = """
            id: hello
            triggers:
              - {name: start, type: data}
            tasks:
              - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo hello without git"}}
              - {name: done, listen: task.say.good, type: end}
            """;

    @TempDir
    Path dir;

    @Test
    void aFlowRunsOnTheEngineWithoutJGitAndWithTheBomsGson() throws Exception {
        try (URLClassLoader loader = shipped()) {
            assertThatThrownBy(() -> loader.loadClass("org.eclipse.jgit.api.Git"))
                    .isInstanceOf(ClassNotFoundException.class);

            String log = probe(loader, HELLO);

            assertThat(log).contains("[floe:say] hello without git").contains("ended good");
        }
    }

    @Test
    void aGitCheckoutIsRefusedWithoutJGitBeingLoaded() throws Exception {
        try (URLClassLoader loader = shipped()) {
            String problems = probe(loader, HELLO.replace("type: exec, opts: {shell: \"echo hello without git\"}",
                    "type: git-checkout, opts: {url: \"https://example.com/app.git\"}"));

            assertThat(problems).contains("type git-checkout is not run in Jenkins");
        }
    }

    private String probe(ClassLoader loader, String yaml) throws Exception {
        return (String) loader.loadClass(WithoutJGitProbe.class.getName()).getMethod("run", String.class, Path.class)
                .invoke(null, yaml, dir.resolve("work"));
    }

    /**
     * This module's class path as the .hpi and the BOM make it: no JGit, no sshd, and gson 2.13.1 and snakeyaml 2.3 (as
     * bom-2.479.x resolves gson-api and snakeyaml-api) instead of the engine's versions; the pom copies those two.
     */
    private static URLClassLoader shipped() throws Exception {
        Path bomLibraries = Path.of(System.getProperty("floe.bom.libraries", "target/jenkins-bom-libraries"));
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = entry.replace('\\', '/');
            if (unix.contains("/org/eclipse/jgit/") || unix.contains("/org/apache/sshd/")) {
                continue;
            }
            if (unix.contains("/com/google/code/gson/gson/")) {
                entry = bomLibrary(bomLibraries, "gson-2.13.1.jar");
            } else if (unix.contains("/org/yaml/snakeyaml/")) {
                entry = bomLibrary(bomLibraries, "snakeyaml-2.3.jar");
            }
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static String bomLibrary(Path folder, String jar) {
        Path p = folder.resolve(jar);
        assertThat(p).as("%s as bom-2.479.x resolves it (copied by this module's pom)", jar).exists();
        return p.toString();
    }
}
