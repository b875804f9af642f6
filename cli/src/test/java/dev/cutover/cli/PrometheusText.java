package dev.cutover.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests that read {@code /metrics}: every
 * line is a {@code # HELP}, a {@code # TYPE}, another comment, blank, or a sample {@code name{labels} value [timestamp]}
 * whose name belongs to the family its {@code # TYPE} declared before it. Anything else is an error naming the line.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Map<String, Set<String>> SUFFIXES = Map.of(
            "histogram", Set.of("_bucket", "_sum", "_count"),
            "summary", Set.of("", "_sum", "_count"));

    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
        /** The one sample whose labels include these; fails when there is none or several. */
        Sample sample(String suffix, Map<String, String> labels) {
            List<Sample> found = samples.stream().filter(s -> s.name().equals(name + suffix))
                    .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples of " + name + suffix + " with " + labels);
            }
            return found.get(0);
        }
    }

    private PrometheusText() {
    }

    /** Families by name, in the order the text declares them. */
    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        Family current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            try {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("# HELP ")) {
                    String[] parts = line.substring(7).split(" ", 2);
                    help.put(name(parts[0]), parts.length > 1 ? parts[1] : "");
                } else if (line.startsWith("# TYPE ")) {
                    String[] parts = line.substring(7).split(" ");
                    if (parts.length != 2 || !TYPES.contains(parts[1])) {
                        throw new IllegalArgumentException("bad TYPE line");
                    }
                    if (families.containsKey(parts[0])) {
                        throw new IllegalArgumentException("second TYPE for " + parts[0]);
                    }
                    current = new Family(name(parts[0]), parts[1], help.get(parts[0]), new ArrayList<>());
                    families.put(current.name(), current);
                } else if (!line.startsWith("#")) {
                    Sample sample = sample(line);
                    if (current == null || !belongs(sample.name(), current)) {
                        throw new IllegalArgumentException("sample " + sample.name() + " outside its family's TYPE");
                    }
                    current.samples().add(sample);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not Prometheus text (" + e.getMessage()
                        + "): " + line, e);
            }
        }
        return families;
    }

    private static boolean belongs(String sample, Family family) {
        Set<String> suffixes = SUFFIXES.getOrDefault(family.type(), Set.of(""));
        return suffixes.stream().anyMatch(suffix -> sample.equals(family.name() + suffix));
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        return name;
    }

    private static Sample sample(String line) {
        Matcher name = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(line);
        if (!name.find()) {
            throw new IllegalArgumentException("no metric name");
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
        }
        String[] rest = line.substring(at).trim().split(" ");
        if (line.charAt(at) != ' ' || rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("expected ' value [timestamp]'");
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name.group(), labels, value(rest[0]));
    }

    /** Reads {@code name="value",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String label = line.substring(at, equals);
            if (!LABEL_NAME.matcher(label).matches() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("bad label at column " + at);
            }
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                if (c == '\\') {
                    char escaped = line.charAt(++i);
                    value.append(switch (escaped) {
                        case 'n' -> '\n';
                        case '\\' -> '\\';
                        case '"' -> '"';
                        default -> throw new IllegalArgumentException("bad escape \\" + escaped);
                    });
                } else {
                    value.append(c);
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("label " + label + " twice");
            }
            at = i + 1;
            if (line.charAt(at) == ',') {
                at++;
            } else if (line.charAt(at) != '}') {
                throw new IllegalArgumentException("expected ',' or '}' at column " + at);
            }
        }
        return at + 1;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
