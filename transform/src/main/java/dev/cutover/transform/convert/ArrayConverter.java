package dev.cutover.transform.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Arrays ({@code text[]}, {@code integer[]}, ...): TEXT holding a JSON array of scalars, output as a one-dimensional
 * PostgreSQL array literal ({@code ["a", null, "b\"c"]} → {@code {"a",NULL,"b\"c"}}).
 *
 * <p>Each element goes through the element type's converter: JSON strings as TEXT, JSON numbers as the TEXT of
 * their literal (so {@code 0.1} reaches a numeric element as written, not through a double), {@code true} and
 * {@code false} as TEXT, {@code null} as NULL. Every non-null element is double-quoted with {@code "} and {@code \}
 * escaped, so no element text can be misread. Nested arrays or objects, other values and other storage classes
 * fail.
 *
 * <p>A document source's array arrives as a {@link List} of raw values instead (its integers as INTEGER, doubles as
 * REAL, so NaN and infinities keep their meaning), each converted the same way; it must be flat.
 */
final class ArrayConverter extends StorageClassConverter {
    private final ColumnConverter element;
    private final String elementType;

    ArrayConverter(Target target, ColumnConverter element, String elementType) {
        super(target);
        this.element = element;
        this.elementType = elementType;
    }

    @Override
    protected Object fromInteger(long value) {
        throw notArray(value);
    }

    @Override
    protected Object fromReal(double value) {
        throw notArray(value);
    }

    @Override
    protected Object fromText(String text) {
        try (JsonParser parser = Json.parser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notArray(text);
            }
            StringBuilder out = new StringBuilder(text.length() + 2).append('{');
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (index++ > 0) {
                    out.append(',');
                }
                appendElement(out, convertElement(text, index, elementValue(text, parser, token)));
            }
            if (parser.nextToken() != null) {
                throw notArray(text);
            }
            return out.append('}').toString();
        } catch (JsonProcessingException e) {
            throw target.fail(text, "is not valid JSON (" + e.getOriginalMessage() + " at character "
                    + e.getLocation().getCharOffset() + "); an array column takes a JSON array, e.g. [\"a\", \"b\"];"
                    + " fix the value in the source, or set the column's targetType to text" + Target.IN_PLAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Object fromList(List<?> elements) {
        StringBuilder out = new StringBuilder(16 * elements.size() + 2).append('{');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = elements.get(i);
            if (value instanceof List<?>) {
                throw target.fail(elements, "has a nested array at element " + (i + 1) + ", but " + target.type()
                        + " takes an array of scalars; set the column's targetType to jsonb" + Target.IN_PLAN);
            }
            appendElement(out, convertElement(elements, i + 1, value));
        }
        return out.append('}').toString();
    }

    private Object elementValue(String text, JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            default -> throw target.fail(text, "has a nested array or object, but " + target.type() + " takes a JSON"
                    + " array of scalars; set the column's targetType to jsonb" + Target.IN_PLAN);
        };
    }

    private Object convertElement(Object array, int index, Object value) {
        try {
            return element.convert(value);
        } catch (ConversionException e) {
            throw target.fail(array, "has element " + index + ", " + ValueText.describe(value) + ", that cannot become "
                    + elementType + ": it " + e.problem());
        }
    }

    private static void appendElement(StringBuilder out, Object value) {
        if (value == null) {
            out.append("NULL");
            return;
        }
        out.append('"');
        if (value instanceof ByteBuffer bytes) {
            out.append("\\\\x").append(Chars.hex(bytes));
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        out.append('"');
    }

    private ConversionException notArray(Object raw) {
        return target.fail(raw, "is not a JSON array, but " + target.type() + " takes one, e.g. [\"a\", \"b\"]; fix the"
                + " value in the source, or set the column's targetType to text" + Target.IN_PLAN);
    }
}
