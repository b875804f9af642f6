package dev.cutover.transform.convert;

/**
 * Converts one column's raw source values into PostgreSQL's text input syntax for the column's target type.
 *
 * <p>A raw value is one of SQLite's storage classes as capture emits it: {@code null}, {@link Long} (INTEGER),
 * {@link Double} (REAL), {@link String} (TEXT), {@link java.nio.ByteBuffer} (BLOB) or
 * {@link dev.cutover.schemas.avro.InvalidText} (TEXT whose bytes are not UTF-8). A document source's values are
 * adapted to these first (see {@code dev.cutover.transform.document}); its arrays of scalars for an array column
 * arrive as a {@link java.util.List} of such values.
 *
 * <p>Implementations are immutable and thread-safe; build one per column with {@link Converters#forColumn}.
 */
@FunctionalInterface
public interface ColumnConverter {

    /**
     * @param raw a raw source value, possibly null
     * @return the value as PostgreSQL text input ({@link String}, or a {@link Long} that stands for its decimal
     *         text), as bytes for {@code bytea} ({@link java.nio.ByteBuffer}), {@code null} for SQL NULL, or a
     *         {@link RoundedReal} whose text is the value (a REAL in {@code numeric(p,s)} rounded from float noise)
     * @throws ConversionException when the value cannot land in the target type unchanged
     */
    Object convert(Object raw);
}
