package io.floe.engine.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a {@code notify} list (of {@code common} or of a flow) into {@link NotifyTarget}s, checking each field. */
final class NotifyReader {
    static final String KEY = "notify";
    static final List<String> KEYS = List.of("url", "secret-env", "secret-file", "format", "events");

    private NotifyReader() {}

    static List<NotifyTarget> read(YamlMap owner, String path, Problems problems, YamlValues values) {
        List<NotifyTarget> out = new ArrayList<>();
        List<Node> items = owner.items(KEY, "a list of receivers, each with a url");
        for (int i = 0; i < items.size(); i++) {
            String where = Problems.join(path, "notify " + i);
            Node node = items.get(i);
            if (!(node instanceof MappingNode mapping)) {
                problems.error(YamlMap.line(node), where, "a notify entry must be a map with a url (and "
                        + "secret-env or secret-file, format, events), not " + problems.describe(node));
                continue;
            }
            YamlMap m = YamlMap.of(mapping, where, problems, values, KEYS);
            NotifyTarget t = new NotifyTarget(m.string("url"), m.string("secret-env"), m.string("secret-file"),
                    format(m, where, problems), events(m, where, problems), m.line());
            check(t, m, where, problems);
            out.add(t);
        }
        return List.copyOf(out);
    }

    private static void check(NotifyTarget t, YamlMap m, String where, Problems problems) {
        URI uri = null;
        try {
            uri = URI.create(t.url());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            problems.error(m.has("url") ? m.lineOf("url") : m.line(), where, "notify needs a url starting with "
                    + "https:// or http://, e.g. url: https://hooks.example.com/floe");
        }
        if (!t.secretEnv().isEmpty() && !t.secretFile().isEmpty()) {
            problems.error(m.lineOf("secret-file"), where, "set secret-env or secret-file, not both: the secret "
                    + "that signs the notices must come from one place");
        }
    }

    private static NotifyTarget.Format format(YamlMap m, String where, Problems problems) {
        String text = m.string("format");
        for (NotifyTarget.Format f : NotifyTarget.Format.values()) {
            if (f.wire().equals(text)) {
                return f;
            }
        }
        if (!text.isEmpty()) {
            problems.error(m.lineOf("format"), where, "notify format " + text + " is not known; use json (the "
                    + "default) or slack");
        }
        return NotifyTarget.Format.JSON;
    }

    private static Set<NotifyTarget.When> events(YamlMap m, String where, Problems problems) {
        Set<NotifyTarget.When> out = EnumSet.noneOf(NotifyTarget.When.class);
        for (String text : m.strings("events")) {
            NotifyTarget.When found = null;
            for (NotifyTarget.When w : NotifyTarget.When.values()) {
                if (w.wire().equals(text)) {
                    found = w;
                }
            }
            if (found == null) {
                problems.error(m.lineOf("events"), where, "notify event " + text + " is not known; use run-end "
                        + "and/or data-waiting");
            } else {
                out.add(found);
            }
        }
        return out;
    }
}
