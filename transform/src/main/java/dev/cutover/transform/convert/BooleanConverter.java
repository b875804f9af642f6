package dev.cutover.transform.convert;

/**
 * {@code boolean}: output {@code t} or {@code f}.
 *
 * <p>INTEGER 0 and 1, REAL 0.0 and 1.0, and TEXT {@code true/false, t/f, yes/no, y/n, on/off, 1/0} in any case with
 * surrounding whitespace ignored. Anything else fails: 2 or "maybe" has no faithful boolean.
 */
final class BooleanConverter extends StorageClassConverter {
    private static final String[] TRUE_WORDS = {"true", "t", "yes", "y", "on", "1"};
    private static final String[] FALSE_WORDS = {"false", "f", "no", "n", "off", "0"};

    BooleanConverter(Target target) {
        super(target);
    }

    @Override
    protected Object fromInteger(long value) {
        if (value == 0 || value == 1) {
            return value == 1 ? "t" : "f";
        }
        throw notBoolean(value);
    }

    @Override
    protected Object fromReal(double value) {
        if (value == 0 || value == 1) {
            return value == 1 ? "t" : "f";
        }
        throw notBoolean(value);
    }

    @Override
    protected Object fromText(String text) {
        int b = Chars.start(text);
        int e = Chars.end(text, b);
        if (matches(text, b, e, TRUE_WORDS)) {
            return "t";
        }
        if (matches(text, b, e, FALSE_WORDS)) {
            return "f";
        }
        throw notBoolean(text);
    }

    private static boolean matches(String text, int b, int e, String[] words) {
        for (String word : words) {
            if (e - b == word.length() && text.regionMatches(true, b, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private ConversionException notBoolean(Object raw) {
        return target.fail(raw, "is not a boolean (expected 0/1, true/false, t/f, yes/no, y/n or on/off); fix the value"
                + " in the source, or set the column's targetType to text or bigint" + Target.IN_PLAN);
    }
}
