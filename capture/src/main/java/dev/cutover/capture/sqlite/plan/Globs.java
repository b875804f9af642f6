package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.Identifiers;

/**
 * SQLite's GLOB (case-sensitive; {@code *}, {@code ?}, {@code [...]}) as PostgreSQL LIKE when the pattern has no
 * character class, else as an anchored regular expression.
 */
final class Globs {
    private static final String REGEX_SPECIAL = "\\.^$|()+{}";

    private Globs() {
    }

    static Expr translate(Expr text, Expr pattern, boolean not) {
        if (!pattern.isLiteral(Expr.Literal.Kind.STRING)) {
            throw new Untranslatable("GLOB with a computed pattern");
        }
        String glob = pattern.literal().value();
        if (glob.indexOf('[') < 0) {
            return Expr.of(text.operand() + (not ? " NOT LIKE " : " LIKE ") + Identifiers.literal(like(glob)),
                    ValueType.BOOLEAN);
        }
        return Expr.of(text.operand() + (not ? " !~ " : " ~ ") + Identifiers.literal(regex(glob)), ValueType.BOOLEAN);
    }

    private static String like(String glob) {
        StringBuilder like = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*': like.append('%'); break;
                case '?': like.append('_'); break;
                case '%': case '_': case '\\': like.append('\\').append(c); break;
                default: like.append(c);
            }
        }
        return like.toString();
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '[') {
                i = characterClass(glob, i, regex);
                continue;
            }
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                if (REGEX_SPECIAL.indexOf(c) >= 0 || c == '[' || c == ']') {
                    regex.append('\\');
                }
                regex.append(c);
            }
            i++;
        }
        return regex.append('$').toString();
    }

    /** Copies {@code [...]} starting at {@code open}; returns the index after it. */
    private static int characterClass(String glob, int open, StringBuilder regex) {
        int i = open + 1;
        StringBuilder set = new StringBuilder("[");
        if (i < glob.length() && glob.charAt(i) == '^') {
            set.append('^');
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            set.append("\\]");
            i++;
        }
        while (i < glob.length() && glob.charAt(i) != ']') {
            char c = glob.charAt(i++);
            set.append(c == '\\' || c == '[' ? "\\" + c : String.valueOf(c));
        }
        if (i >= glob.length()) {
            throw new Untranslatable("GLOB pattern with an unterminated [");
        }
        regex.append(set).append(']');
        return i + 1;
    }
}
