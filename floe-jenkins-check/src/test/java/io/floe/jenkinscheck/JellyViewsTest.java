package io.floe.jenkinscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The plugin's Jelly views, checked as Jenkins' own InjectedTest checks them (they parse, they escape by default) and
 * a little more: each view belongs to a class of the plugin, each help file to a field, and no page carries inline
 * script or event handlers (Jenkins sends a Content-Security-Policy).
 */
class JellyViewsTest {
    static final String ESCAPE = "<?jelly escape-by-default='true'?>";
    private static final String PACKAGE = "io/jenkins/plugins/floe/";

    @Test
    void everyJellyFileStartsByEscapingAndParsesAsXml() throws Exception {
        List<Path> views = PluginFiles.files(PluginFiles.resources(), ".jelly");
        assertThat(views).extracting(p -> PluginFiles.resources().relativize(p).toString()).contains(
                "index.jelly",
                PACKAGE + "FloeBuilder/config.jelly",
                PACKAGE + "FloeProject/configure-entries.jelly",
                PACKAGE + "FloeGraphAction/index.jelly",
                PACKAGE + "FloeGraphAction/summary.jelly",
                PACKAGE + "FloeGlobalConfiguration/config.jelly");
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            String text = PluginFiles.read(view);
            if (!text.startsWith(ESCAPE + "\n")) {
                problems.add(view + ": does not start with " + ESCAPE + " on a line of its own");
            }
            try {
                parse(text);
            } catch (SAXException e) {
                problems.add(view + ": not well-formed XML: " + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void pagesHaveNoInlineScriptsOrEventHandlers() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : PluginFiles.files(PluginFiles.resources(), ".jelly")) {
            Document doc = parse(PluginFiles.read(view));
            NodeList all = doc.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                if (e.getTagName().equalsIgnoreCase("script")
                        && (e.getAttribute("src").isBlank() || !e.getTextContent().isBlank())) {
                    problems.add(view + ": a <script> must load a file (src) and have no body");
                }
                NamedNodeMap attrs = e.getAttributes();
                for (int a = 0; a < attrs.getLength(); a++) {
                    String name = attrs.item(a).getNodeName().toLowerCase(Locale.ROOT);
                    if (name.startsWith("on") || attrs.item(a).getNodeValue().trim().startsWith("javascript:")) {
                        problems.add(view + ": <" + e.getTagName() + " " + name + "> is inline script");
                    }
                }
            }
        }
        for (Path js : PluginFiles.files(PluginFiles.plugin().resolve("src/main/webapp"), ".js")) {
            Matcher m = Pattern.compile("\\.innerHTML\\s*=|\\beval\\(|new Function\\(|document\\.write")
                    .matcher(PluginFiles.read(js));
            if (m.find()) {
                problems.add(js + ": builds markup or code from strings (" + m.group() + ")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyViewFolderIsAPluginClassAndEveryHelpFileAField() throws Exception {
        List<String> problems = new ArrayList<>();
        Path root = PluginFiles.resources();
        List<Path> pageFiles = new ArrayList<>(PluginFiles.files(root.resolve(PACKAGE), ".jelly"));
        pageFiles.addAll(PluginFiles.files(root.resolve(PACKAGE), ".html"));
        for (Path file : pageFiles) {
            Path folder = root.relativize(file.getParent());
            String className = folder.toString().replace('/', '.').replace('\\', '.');
            Class<?> type;
            try {
                type = Class.forName(className, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(file + ": there is no class " + className + " for this view");
                continue;
            }
            String name = file.getFileName().toString();
            if (name.startsWith("help-") && name.endsWith(".html")) {
                String field = name.substring("help-".length(), name.length() - ".html".length());
                if (!hasProperty(type, field)) {
                    problems.add(file + ": " + type.getSimpleName() + " has no field " + field + " (no getter)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean hasProperty(Class<?> type, String field) {
        String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        return Arrays.stream(type.getMethods()).map(Method::getName)
                .anyMatch(n -> n.equals("get" + cap) || n.equals("is" + cap));
    }

    static Document parse(String text) throws SAXException, IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(text)));
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
