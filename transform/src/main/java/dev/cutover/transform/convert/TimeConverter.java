package dev.cutover.transform.convert;

/**
 * {@code time[(p)] [without time zone]}: TEXT {@code HH:MM[:SS[.f]]}, output {@code HH:MM:SS[.f]}. {@code 24:00:00}
 * is kept (PostgreSQL's time holds it). Numbers fail: a number of seconds is not a time of day without a convention
 * the plan could name.
 */
final class TimeConverter extends StorageClassConverter {
    private final int precision;

    TimeConverter(Target target, int precision) {
        super(target);
        this.precision = precision;
    }

    @Override
    protected Object fromText(String text) {
        long micros = DateTimeText.parseTime(text, precision, target);
        boolean canonical = text.length() == 8 && text.charAt(2) == ':' && text.charAt(5) == ':';
        return canonical ? text : CivilTime.formatTime(micros);
    }
}
