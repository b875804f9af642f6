package dev.cutover.transform.convert;

import java.nio.charset.StandardCharsets;

/**
 * {@code text}, {@code varchar(n)}, {@code char(n)}, {@code citext}, {@code name} and {@code "char"}: output the text
 * itself.
 *
 * <p>TEXT unchanged, unless it holds NUL (U+0000) or an unpaired surrogate, which PostgreSQL text cannot store.
 * INTEGER as its decimal, REAL in SQLite's own text layout with shortest round-trip digits ({@code 3.0},
 * {@code 1.0e-07}; see {@link DoubleText#sqlite(double)}): these appear when SQLite's dynamic typing put a number
 * in a column the plan made text. BLOB and non-UTF-8 text fail.
 *
 * <p>Length limits count Unicode code points, as PostgreSQL counts characters in a UTF-8 database; {@code name}
 * and {@code "char"} count UTF-8 bytes (63 and 1). Longer values fail: the sink writes {@code ?::varchar(n)}, and an
 * explicit cast would cut them silently. {@code char(n)} pads shorter values with spaces, and trailing spaces are
 * not significant in {@code char(n)} (they compare equal and are dropped when read as text), so shorter values are
 * accepted, and so are longer ones whose excess is only spaces (cut to n, as PostgreSQL's own INSERT does).
 */
final class TextConverter extends StorageClassConverter {
    static final int UNLIMITED = -1;

    private final int maxChars;
    private final int maxBytes;
    private final boolean blankPadded;

    TextConverter(Target target, int maxChars, int maxBytes, boolean blankPadded) {
        super(target);
        this.maxChars = maxChars;
        this.maxBytes = maxBytes;
        this.blankPadded = blankPadded;
    }

    static TextConverter unlimited(Target target) {
        return new TextConverter(target, UNLIMITED, UNLIMITED, false);
    }

    @Override
    protected Object fromText(String text) {
        return fitting(text, storable(text, text));
    }

    @Override
    protected Object fromInteger(long value) {
        return fitting(value, Long.toString(value));
    }

    @Override
    protected Object fromReal(double value) {
        return fitting(value, DoubleText.sqlite(value));
    }

    private String fitting(Object raw, String text) {
        if (maxChars != UNLIMITED && text.length() > maxChars) {
            int chars = text.codePointCount(0, text.length());
            if (chars > maxChars) {
                return cutSpacesOrFail(raw, text, chars);
            }
        }
        if (maxBytes != UNLIMITED && text.length() > maxBytes / 3) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxBytes) {
                throw target.fail(raw, "is " + bytes + " bytes long in UTF-8, but " + target.type() + " holds at most "
                        + maxBytes + "; set the column's targetType to text" + Target.IN_PLAN);
            }
        }
        return text;
    }

    private String cutSpacesOrFail(Object raw, String text, int chars) {
        int cut = text.offsetByCodePoints(0, maxChars);
        if (blankPadded && onlySpacesFrom(text, cut)) {
            return text.substring(0, cut);
        }
        throw target.fail(raw, "is " + chars + " characters long, but " + target.type() + " holds at most " + maxChars
                + "; set the column's targetType to " + (blankPadded ? "char(" : "varchar(") + chars + ") or text"
                + Target.IN_PLAN);
    }

    private static boolean onlySpacesFrom(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }
}
