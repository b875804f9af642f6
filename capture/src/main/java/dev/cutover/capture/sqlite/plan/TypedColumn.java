package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.NumericDates;

/**
 * The target type chosen for a column once its values have been seen.
 *
 * @param pgType       PostgreSQL type
 * @param note         why it is not the declared type's obvious mapping, or null
 * @param numericDates for date/time types, how numbers are read; else null
 * @param invalid      values that will not convert to {@code pgType} (they go to the error log at run time)
 */
record TypedColumn(String pgType, String note, NumericDates numericDates, long invalid) {
}
