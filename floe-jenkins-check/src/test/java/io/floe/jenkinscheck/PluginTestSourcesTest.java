package io.floe.jenkinscheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.util.JavacTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The plugin's JenkinsRule tests compile only where the Jenkins repository is reachable; here they are at least read
 * by the Java parser, and held to the plugin archetype's rule of JUnit 5 only.
 */
class PluginTestSourcesTest {
    @Test
    void thePluginsJenkinsRuleTestsAreValidJavaOnJUnit5() throws Exception {
        List<Path> sources = PluginFiles.files(PluginFiles.plugin().resolve("src/test/java"), ".java");
        assertThat(sources).isNotEmpty();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, List.of("--release", "17"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.parse();
        }
        assertThat(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(null)).toList()).isEmpty();

        List<String> junit4 = new ArrayList<>();
        Pattern old = Pattern.compile(
                "import\\s+(static\\s+)?org\\.junit\\.(Test|Rule|ClassRule|Before|After|Assert)\\b");
        for (Path source : sources) {
            Matcher m = old.matcher(PluginFiles.read(source));
            if (m.find()) {
                junit4.add(source.getFileName() + ": " + m.group());
            }
        }
        assertThat(junit4).as("JUnit 4 imports (the plugin POM bans them)").isEmpty();
    }
}
