package dev.cutover.transform.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A target type as the plan writes it, taken apart: {@code character varying(20)[]} → base
 * {@code character varying}, modifiers [20], one array dimension.
 *
 * <p>Accepts what the planner writes and what PostgreSQL's {@code format_type()} prints: modifiers anywhere in the
 * name ({@code timestamp(3) with time zone}), array suffixes {@code []}, {@code [n]} or {@code ARRAY}, any case and
 * spacing, a {@code pg_catalog.} prefix. A name with double quotes is a user-defined type and kept as written.
 *
 * @param text       the type as written
 * @param base       the name without modifiers and array suffix; lower case unless quoted
 * @param modifiers  the numbers in parentheses, e.g. [10, 2]
 * @param dimensions array dimensions, 0 for a scalar type
 * @param quoted     the name contains a quoted identifier, so it is user-defined
 */
record TargetType(String text, String base, List<Integer> modifiers, int dimensions, boolean quoted) {

    TargetType {
        modifiers = List.copyOf(modifiers);
    }

    /**
     * @throws IllegalArgumentException when the text is not a type name; the message says what is wrong
     */
    static TargetType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the target type is empty");
        }
        String s = text.strip();
        int dimensions = 0;
        for (String shorter = withoutArraySuffix(s); shorter != null; shorter = withoutArraySuffix(s)) {
            s = shorter;
            dimensions++;
        }
        boolean quoted = s.indexOf('"') >= 0;
        int open = indexOutsideQuotes(s, '(');
        List<Integer> modifiers = List.of();
        if (open >= 0) {
            int close = s.indexOf(')', open);
            if (close < 0) {
                throw new IllegalArgumentException("'(' without ')'");
            }
            modifiers = modifiers(s.substring(open + 1, close));
            s = s.substring(0, open) + " " + s.substring(close + 1);
        }
        String base = collapseSpaces(s);
        if (!quoted) {
            base = base.toLowerCase(Locale.ROOT);
            if (base.startsWith("pg_catalog.")) {
                base = base.substring("pg_catalog.".length());
            }
        }
        if (base.isEmpty()) {
            throw new IllegalArgumentException("no type name");
        }
        return new TargetType(text, base, modifiers, dimensions, quoted);
    }

    boolean isArray() {
        return dimensions > 0;
    }

    /** The type of an array's elements, as written without the array suffixes. */
    TargetType element() {
        String s = text.strip();
        for (String shorter = withoutArraySuffix(s); shorter != null; shorter = withoutArraySuffix(s)) {
            s = shorter;
        }
        return new TargetType(s, base, modifiers, 0, quoted);
    }

    /** {@code s} without its last array suffix ({@code []}, {@code [n]}, {@code ARRAY}), or null when it has none. */
    private static String withoutArraySuffix(String s) {
        if (s.endsWith("]")) {
            int open = s.lastIndexOf('[');
            if (open < 0) {
                throw new IllegalArgumentException("']' without '['");
            }
            return s.substring(0, open).stripTrailing();
        }
        if (s.length() > 6 && s.regionMatches(true, s.length() - 6, " array", 0, 6)) {
            return s.substring(0, s.length() - 6).stripTrailing();
        }
        return null;
    }

    /** The i-th modifier, or {@code absent} when there are fewer. */
    int modifier(int i, int absent) {
        return i < modifiers.size() ? modifiers.get(i) : absent;
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        boolean inQuotes = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == wanted && !inQuotes) {
                return i;
            }
        }
        return -1;
    }

    private static List<Integer> modifiers(String inside) {
        List<Integer> result = new ArrayList<>(2);
        for (String part : inside.split(",", -1)) {
            try {
                result.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("modifier '" + part.strip() + "' is not a whole number");
            }
        }
        return result;
    }

    private static String collapseSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inQuotes = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            }
            if (!inQuotes && Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        return out.substring(0, end);
    }
}
