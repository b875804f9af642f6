package dev.cutover.transform.convert;

/**
 * The column a converter writes, for error messages.
 *
 * @param column target column name
 * @param type   the column's target type as the plan writes it
 */
record Target(String column, String type) {

    /** Where most fixes go; appended to messages that suggest another target type. */
    static final String IN_PLAN = " in plan.json";

    ConversionException fail(Object raw, String problem) {
        return new ConversionException(column, type, raw, problem);
    }

    /** Same column, another type: the element type of an array column. */
    Target withType(String otherType) {
        return new Target(column, otherType);
    }
}
