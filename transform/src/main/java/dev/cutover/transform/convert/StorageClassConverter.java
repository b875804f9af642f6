package dev.cutover.transform.convert;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Dispatches a raw value on its SQLite storage class (or, for a document source's array, on its being a list). Each
 * converter overrides the classes its target type accepts; the others fail with a message that says which storage
 * class arrived and what to do.
 */
abstract class StorageClassConverter implements ColumnConverter {
    protected final Target target;

    StorageClassConverter(Target target) {
        this.target = target;
    }

    @Override
    public final Object convert(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return fromText(s);
        }
        if (raw instanceof Long l) {
            return fromInteger(l);
        }
        if (raw instanceof Double d) {
            return fromReal(d);
        }
        if (raw instanceof ByteBuffer b) {
            return fromBlob(b);
        }
        if (raw instanceof InvalidText t) {
            return fromInvalidText(t);
        }
        if (raw instanceof List<?> elements) {
            return fromList(elements);
        }
        throw target.fail(raw, "is a " + raw.getClass().getName() + ", which is not a SQLite storage class"
                + "; this is a bug in capture, please report it");
    }

    protected Object fromText(String text) {
        throw target.fail(text, "is text, which cannot become " + target.type()
                + "; fix the value in the source, or set the column's targetType to text" + Target.IN_PLAN);
    }

    protected Object fromInteger(long value) {
        throw numberRejected(value);
    }

    protected Object fromReal(double value) {
        throw numberRejected(value);
    }

    protected Object fromBlob(ByteBuffer blob) {
        throw target.fail(blob, "is a BLOB, which cannot become " + target.type()
                + "; fix the value in the source, or set the column's targetType to bytea" + Target.IN_PLAN);
    }

    /** A document source's array, each element a raw value (see {@link ColumnConverter}); only arrays take it. */
    protected Object fromList(List<?> elements) {
        throw target.fail(elements, "is an array, which cannot become " + target.type()
                + "; set the column's targetType to an array type or jsonb" + Target.IN_PLAN);
    }

    protected Object fromInvalidText(InvalidText text) {
        throw target.fail(text, "is not valid UTF-8, and PostgreSQL text must be; fix the value in the source, "
                + "or set the column's targetType to bytea" + Target.IN_PLAN + " to keep the bytes");
    }

    private ConversionException numberRejected(Object number) {
        return target.fail(number, "is a number, which cannot become " + target.type()
                + "; fix the value in the source, or set the column's targetType to a numeric type" + Target.IN_PLAN);
    }

    /** Fails when {@code text} holds a character PostgreSQL text cannot store (NUL, or a surrogate without a pair). */
    protected final String storable(Object raw, String text) {
        int bad = Chars.firstUnstorable(text);
        if (bad < 0) {
            return text;
        }
        if (text.charAt(bad) == 0) {
            throw target.fail(raw, "contains a NUL character (U+0000) at position " + bad
                    + ", and PostgreSQL text cannot hold NUL characters; remove it in the source, "
                    + "or set the column's targetType to bytea" + Target.IN_PLAN);
        }
        throw target.fail(raw, "contains an unpaired UTF-16 surrogate U+" + Integer.toHexString(text.charAt(bad))
                + " at position " + bad + ", which has no UTF-8 encoding; fix the value in the source");
    }
}
