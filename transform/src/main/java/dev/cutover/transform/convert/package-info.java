/**
 * Type conversion: every raw source value becomes PostgreSQL's text input for its column's target type, or a
 * {@link dev.cutover.transform.convert.ConversionException} that sends the row to the error log. A value lands equal
 * to the source or not at all: whatever would be rounded, cut, padded, rolled over or guessed fails instead. The one
 * rounding done is of float noise in {@code numeric(p,s)} (see {@link dev.cutover.schemas.plan.FloatNoise}): a REAL
 * that is a decimal of scale s written in binary lands as that decimal, returned as a
 * {@link dev.cutover.transform.convert.RoundedReal} so that it is counted.
 *
 * <p>Entry points: {@link dev.cutover.transform.convert.Converters#forColumn} builds an immutable, thread-safe
 * {@link dev.cutover.transform.convert.ColumnConverter} per column; {@link dev.cutover.transform.convert.ValueText}
 * renders raw values for error reports.
 *
 * <p>Rules that hold for every type (each converter's documentation has the rest):
 * <ul>
 *   <li>NULL stays NULL.</li>
 *   <li>Surrounding whitespace (space, tab, CR, LF, FF, VT) around a typed value — number, boolean, date/time, uuid,
 *       bit string — is ignored, as SQLite's numeric affinity and PostgreSQL's input functions both ignore it. Text
 *       targets keep every character.</li>
 *   <li>Text targets refuse NUL (U+0000) and unpaired surrogates, which PostgreSQL text cannot store.</li>
 *   <li>A REAL in a text or JSON column is written in SQLite's own text layout with shortest round-trip digits
 *       ({@code 3.0}, {@code 0.30000000000000004}, {@code 1.0e-07}); infinities as {@code Infinity}.</li>
 *   <li>Length limits count Unicode code points; fractional-second precision and numeric scale are checked, because
 *       the sink's {@code ?::type} casts would otherwise cut or round silently.</li>
 *   <li>Date/time values hold UTC: text offsets are converted; INTEGER/REAL follow the column's numericDates; dates
 *       are limited to years 0001–9999 (SQLite's date range; values outside are almost always a wrong unit).</li>
 *   <li>Types Cutover does not know (enums, domains, {@code interval}, {@code inet}, ...) pass text through for
 *       PostgreSQL to validate when the sink writes it; BLOBs fail.</li>
 *   <li>On success no exception is thrown; a value already in output form is returned as the same string.</li>
 * </ul>
 */
package dev.cutover.transform.convert;
