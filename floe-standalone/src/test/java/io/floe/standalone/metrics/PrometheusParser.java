package io.floe.standalone.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict reader of the Prometheus text format, enough to check what a scrape says: HELP and TYPE lines, and
 * samples with escaped label values. It fails on anything malformed, as Prometheus would.
 */
final class PrometheusParser {
    record Sample(String name, Map<String, String> labels, double value) {}

    final Map<String, String> types = new HashMap<>();
    final Map<String, String> helps = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusParser parse(String text) {
        PrometheusParser p = new PrometheusParser();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                p.line(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + n + ": " + line + ": " + e.getMessage(), e);
            }
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the text must end with a newline");
        }
        return p;
    }

    /** The value of the sample with this name and exactly these labels. */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
    }

    double value(String name) {
        return value(name, Map.of());
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private void line(String line) {
        if (line.startsWith("# HELP ")) {
            String[] parts = line.substring(7).split(" ", 2);
            name(parts[0]);
            helps.put(parts[0], parts.length > 1 ? unescape(parts[1], false) : "");
            return;
        }
        if (line.startsWith("# TYPE ")) {
            String[] parts = line.substring(7).split(" ");
            name(parts[0]);
            if (parts.length != 2 || !List.of("counter", "gauge", "histogram", "summary", "untyped")
                    .contains(parts[1])) {
                throw new IllegalArgumentException("bad TYPE");
            }
            if (types.put(parts[0], parts[1]) != null) {
                throw new IllegalArgumentException("a second TYPE for " + parts[0]);
            }
            return;
        }
        if (line.startsWith("#")) {
            return;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = name(line.substring(0, i));
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("bad label at " + i);
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        v.append(switch (next) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("bad escape \\" + next);
                        });
                    } else {
                        v.append(c);
                    }
                    j++;
                }
                labels.put(label, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (line.charAt(i) != ' ') {
            throw new IllegalArgumentException("a space must follow the name and labels");
        }
        String value = line.substring(i + 1).trim().split(" ")[0];
        double d = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
        String family = family(name);
        if (!types.containsKey(family)) {
            throw new IllegalArgumentException("sample " + name + " before the TYPE of " + family);
        }
        samples.add(new Sample(name, labels, d));
    }

    /** The family a sample belongs to: histogram samples add _bucket, _sum and _count. */
    private String family(String name) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return name;
    }

    private static String name(String name) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        return name;
    }

    private static String unescape(String s, boolean quotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
