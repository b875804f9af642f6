package dev.cutover.transform.convert;

/**
 * Types Cutover does not check itself: user-defined types (enums, domains, composite types) and built-in types such
 * as {@code interval}, {@code inet}, {@code point} or {@code money}. TEXT is passed through (after the NUL and
 * surrogate check every text target makes), INTEGER and REAL as their text ({@link DoubleText#sqlite(double)});
 * PostgreSQL validates the text when the sink writes it, and a value it refuses goes to the error log with
 * PostgreSQL's reason. BLOB and non-UTF-8 text fail here.
 *
 * <p>Caveat: for such types with a precision modifier (e.g. {@code interval(0)}), PostgreSQL's cast may round.
 */
final class PassThroughConverter extends StorageClassConverter {

    PassThroughConverter(Target target) {
        super(target);
    }

    @Override
    protected Object fromText(String text) {
        return storable(text, text);
    }

    @Override
    protected Object fromInteger(long value) {
        return Long.toString(value);
    }

    @Override
    protected Object fromReal(double value) {
        return DoubleText.sqlite(value);
    }
}
