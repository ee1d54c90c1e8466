package io.floe.jenkinscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-ins carry the obligations of the real Jenkins types: a plugin source with a deliberate mistake that real
 * Jenkins would refuse (a missing abstract method, an override of a final method, a permission that does not exist)
 * fails to compile here as well. Each test compiles the plugin's sources with one file changed.
 */
class StandInsCatchMistakesTest {
    @TempDir
    Path dir;

    @Test
    void thePluginAsItIsCompiles() {
        assertThat(compileWith("FloeProject.java", "", "")).isEmpty();
    }

    @Test
    void anActionWithoutOnLoadIsNotARunAction2() {
        assertThat(compileWith("FloeGraphAction.java", "public void onLoad(Run<?, ?> r) {",
                "public void onLoadOld(Run<?, ?> r) {"))
                .anyMatch(e -> e.contains("FloeGraphAction") && e.contains("onLoad"));
    }

    @Test
    void aProjectWithoutItsBuildClassIsAbstract() {
        assertThat(compileWith("FloeProject.java", "protected Class<FloeBuild> getBuildClass() {",
                "protected Class<FloeBuild> buildClass() {"))
                .anyMatch(e -> e.contains("getBuildClass"));
    }

    @Test
    void anItemsUrlIsFinalAsInJenkins() {
        assertThat(compileWith("FloeProject.java", "    /** The floe section: the flow and how to start it. */",
                "    @Override\n    public String getUrl() {\n        return \"floe/\";\n    }\n\n"
                        + "    /** The floe section: the flow and how to start it. */"))
                .anyMatch(e -> e.contains("getUrl()") && e.contains("final"));
    }

    @Test
    void anActionThatControlsAccessMustSayWhoseRulesApply() {
        assertThat(compileWith("FloeGraphAction.java", "implements RunAction2 {",
                "implements RunAction2, hudson.security.AccessControlled {"))
                .anyMatch(e -> e.contains("getACL"));
    }

    @Test
    void aPermissionJenkinsDoesNotHaveIsNotFound() {
        assertThat(compileWith("FormChecks.java", "Item.CONFIGURE", "Item.CONFIGURATION"))
                .anyMatch(e -> e.contains("CONFIGURATION"));
    }

    /** Compiles the plugin's sources with {@code from} replaced by {@code to} in {@code file}; gives the errors. */
    private List<String> compileWith(String file, String from, String to) {
        List<Path> sources = PluginFiles.files(PluginFiles.javaSources(), ".java").stream().map(p -> {
            if (!p.getFileName().toString().equals(file)) {
                return p;
            }
            String text = PluginFiles.read(p);
            assertThat(text).as(file + " holds the text the mistake replaces").contains(from);
            Path changed = dir.resolve(file);
            try {
                Files.writeString(changed, from.isEmpty() ? text : text.replace(from, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return changed;
        }).toList();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            compiler.getTask(null, files, diagnostics, List.of("-proc:none", "--release", "17", "-d",
                    dir.resolve("classes").toString(), "-classpath", System.getProperty("java.class.path")
                            .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator)), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(null)).toList();
    }
}
