package dev.cutover.transform.convert;

/** Converts one raw source value into PostgreSQL input text, a ByteBuffer for bytea, or null. */
public interface ColumnConverter {
    Object convert(Object raw);
}
