package dev.cutover.transform.convert;

/**
 * A converter's output for a REAL that lands rounded to its {@code numeric(p,s)} column's scale because its digits
 * beyond the scale are float noise (see {@link dev.cutover.schemas.plan.FloatNoise}). The value to write is
 * {@link #text}; the wrapper lets the transformer count such values per column, for the run's summary and status.
 *
 * @param text the rounded value as PostgreSQL's numeric input, e.g. {@code 1.84}
 */
public record RoundedReal(String text) {
}
