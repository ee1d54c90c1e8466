package io.floe.jenkinscheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every method of the plugin that overrides or implements a Jenkins (or JDK) method says {@code @Override}: then a
 * signature that drifts from real Jenkins fails to compile instead of silently becoming a new, never-called method.
 * The plugin's sources are compiled again here, with the stand-ins, and every method is checked against its
 * supertypes.
 */
class OverrideAnnotationsTest {
    @Test
    void everyOverrideOfThePluginSaysOverride() throws Exception {
        List<Path> sources = PluginFiles.files(PluginFiles.javaSources(), ".java");
        assertThat(sources).isNotEmpty();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics,
                    List.of("-proc:none", "--release", "17", "-classpath", classPath()), null,
                    files.getJavaFileObjectsFromPaths(sources));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            assertThat(errors(diagnostics)).as("the plugin compiles against the stand-ins").isEmpty();
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree unit : units) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        Element e = trees.getElement(getCurrentPath());
                        if (e instanceof ExecutableElement m && overridesSomething(m, task.getElements(),
                                task.getTypes()) && !saysOverride(m)) {
                            missing.add(m.getEnclosingElement() + "." + m + " in "
                                    + Path.of(unit.getSourceFile().toUri()).getFileName());
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
        assertThat(missing).as("methods that override without @Override").isEmpty();
    }

    private static boolean overridesSomething(ExecutableElement m, Elements elements, Types types) {
        if (m.getKind() != ElementKind.METHOD || m.getModifiers().contains(Modifier.STATIC)
                || m.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        for (TypeElement sup : supertypes(owner.asType(), types)) {
            for (ExecutableElement candidate : ElementFilter.methodsIn(sup.getEnclosedElements())) {
                if (elements.overrides(m, candidate, owner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<TypeElement> supertypes(TypeMirror type, Types types) {
        Set<TypeElement> out = new LinkedHashSet<>();
        for (TypeMirror sup : types.directSupertypes(type)) {
            if (sup instanceof DeclaredType d && d.asElement() instanceof TypeElement t && out.add(t)) {
                out.addAll(supertypes(sup, types));
            }
        }
        return out;
    }

    private static boolean saysOverride(ExecutableElement m) {
        return m.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString()
                .equals(Override.class.getName()));
    }

    private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(null)).toList();
    }

    /** The test class path (floe-engine, the stand-ins, the servlet API); surefire passes it unpacked. */
    private static String classPath() {
        String cp = System.getProperty("java.class.path");
        assertThat(cp.split(File.pathSeparator)).as("surefire must run without a manifest-only jar")
                .anyMatch(p -> p.contains("floe-jenkins-api-stubs") || p.contains("jenkins-api-stubs"));
        return cp;
    }
}
