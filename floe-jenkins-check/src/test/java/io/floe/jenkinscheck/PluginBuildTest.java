package io.floe.jenkinscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin's POM and pages stay in step with the rest of the repository: it is a Jenkins plugin POM built in the
 * {@code jenkins} profile on this version of the engine, and its pages use the dashboard's run-graph module as it is,
 * copied in at build time rather than kept as a second copy.
 */
class PluginBuildTest {
    @Test
    void thePluginPomIsARealJenkinsPluginOnThisEngineVersion() throws Exception {
        Document pom = JellyViewsTest.parse(PluginFiles.read(PluginFiles.plugin().resolve("pom.xml")));
        Element project = pom.getDocumentElement();
        assertThat(child(first(project, "parent"), "groupId")).isEqualTo("org.jenkins-ci.plugins");
        assertThat(child(first(project, "parent"), "artifactId")).isEqualTo("plugin");
        assertThat(child(project, "packaging")).isEqualTo("hpi");
        assertThat(child(project, "groupId")).isEqualTo("io.jenkins.plugins");
        assertThat(child(project, "artifactId")).isEqualTo("floe");
        Element props = first(project, "properties");
        assertThat(child(props, "jenkins.baseline")).isEqualTo("2.479");
        assertThat(child(props, "floe.version")).as("the engine version the plugin is built on")
                .isEqualTo(System.getProperty("floe.version"));

        Document root = JellyViewsTest.parse(PluginFiles.read(PluginFiles.plugin().resolveSibling("pom.xml")));
        String rootText = PluginFiles.read(PluginFiles.plugin().resolveSibling("pom.xml"));
        assertThat(rootText).contains("<id>jenkins</id>");
        NodeList modules = root.getElementsByTagName("module");
        Set<String> defaults = new LinkedHashSet<>();
        for (int i = 0; i < modules.getLength(); i++) {
            Element m = (Element) modules.item(i);
            if (m.getParentNode().getParentNode() == root.getDocumentElement()) {
                defaults.add(m.getTextContent().trim());
            }
        }
        assertThat(defaults).as("default modules").contains("jenkins-api-stubs", "floe-jenkins-check")
                .doesNotContain("floe-jenkins-plugin");
    }

    @Test
    void thePagesUseTheDashboardsRunGraphModuleAsItIs() {
        Path runGraph = PluginFiles.webapp().resolve("js/run-graph.js");
        assertThat(runGraph).exists();
        assertThat(PluginFiles.webapp().resolve("css/run-graph.css")).exists();
        Path webapp = PluginFiles.plugin().resolve("src/main/webapp");
        assertThat(webapp.resolve("js/run-graph.js")).as("no second copy in git: the build copies it").doesNotExist();
        assertThat(webapp.resolve("css/run-graph.css")).doesNotExist();

        Set<String> exported = new LinkedHashSet<>();
        Matcher e = Pattern.compile("export\\s+(?:async\\s+)?(?:function|const|class|let)\\s+(\\w+)")
                .matcher(PluginFiles.read(runGraph));
        while (e.find()) {
            exported.add(e.group(1));
        }
        String floeGraph = PluginFiles.read(webapp.resolve("js/floe-graph.js"));
        Matcher imp = Pattern.compile("import\\s*\\{([^}]*)}\\s*from\\s*'\\./run-graph\\.js'").matcher(floeGraph);
        assertThat(imp.find()).as("floe-graph.js imports ./run-graph.js").isTrue();
        for (String name : imp.group(1).split(",")) {
            assertThat(exported).as("run-graph.js exports").contains(name.trim());
        }

        String pom = PluginFiles.read(PluginFiles.plugin().resolve("pom.xml"));
        assertThat(pom).contains("../src-webapp/webapp").contains("js/run-graph.js").contains("css/run-graph.css");
        for (Path view : PluginFiles.files(PluginFiles.resources(), ".jelly")) {
            Matcher src = Pattern.compile("/plugin/floe/((?:js|css|images)/[\\w.-]+)").matcher(PluginFiles.read(view));
            while (src.find()) {
                String file = src.group(1);
                boolean copied = file.equals("js/run-graph.js") || file.equals("css/run-graph.css");
                assertThat(copied || Files.exists(webapp.resolve(file))).as(view + " links " + file).isTrue();
            }
        }
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) {
            if (l.item(i) instanceof Element el && el.getTagName().equals(tag)) {
                return el;
            }
        }
        throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
    }

    private static String child(Element parent, String tag) {
        return first(parent, tag).getTextContent().trim();
    }
}
