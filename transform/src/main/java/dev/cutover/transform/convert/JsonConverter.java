package dev.cutover.transform.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code json} and {@code jsonb}: output the text unchanged.
 *
 * <p>TEXT must be exactly one strict JSON value (see {@link Json}) with nothing after it, and must not hold a NUL
 * character. {@code json} keeps the text verbatim, so that is all. {@code jsonb} decodes it, so it also fails when a
 * string holds the escape {@code \u0000} or an unpaired surrogate escape such as {@code \ud800} (jsonb refuses
 * both), or when an object has the same key twice (jsonb would keep only the last). Key order and whitespace are
 * not values in JSON, so jsonb's normalisation of them is no change. INTEGER and finite REAL are valid JSON
 * numbers; infinity is not JSON and fails, as do BLOB and non-UTF-8 text.
 */
final class JsonConverter extends StorageClassConverter {
    private final boolean binary;

    JsonConverter(Target target, boolean binary) {
        super(target);
        this.binary = binary;
    }

    @Override
    protected Object fromInteger(long value) {
        return Long.toString(value);
    }

    @Override
    protected Object fromReal(double value) {
        if (!Double.isFinite(value)) {
            throw target.fail(value, "is infinite, which JSON cannot express; set the column's targetType to double"
                    + " precision" + Target.IN_PLAN);
        }
        return DoubleText.sqlite(value);
    }

    @Override
    protected Object fromText(String text) {
        if (text.indexOf('\0') >= 0) {
            storable(text, text);
        }
        try (JsonParser parser = Json.parser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw invalid(text, "it is empty");
            }
            checkValue(text, parser, token);
            if (parser.nextToken() != null) {
                throw invalid(text, "there is more after the first value, at character "
                        + parser.currentTokenLocation().getCharOffset());
            }
            return text;
        } catch (JsonProcessingException e) {
            throw invalid(text, e.getOriginalMessage() + " at character " + e.getLocation().getCharOffset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the value starting at {@code token} to its end, checking every string and key for jsonb. */
    private void checkValue(String text, JsonParser parser, JsonToken token) throws IOException {
        if (!binary) {
            parser.skipChildren();  // still reads, and so validates, every token
            return;
        }
        ArrayDeque<Set<String>> keys = new ArrayDeque<>();
        int depth = 0;
        do {
            switch (token) {
                case START_ARRAY -> depth++;
                case END_ARRAY -> depth--;
                case START_OBJECT -> {
                    depth++;
                    keys.push(new HashSet<>());
                }
                case END_OBJECT -> {
                    depth--;
                    keys.pop();
                }
                case FIELD_NAME -> {
                    checkDecodable(text, parser);
                    checkUnique(text, keys.peek(), parser.currentName());
                }
                case VALUE_STRING -> checkDecodable(text, parser);
                default -> {
                }
            }
        } while (depth > 0 && (token = parser.nextToken()) != null);
    }

    private void checkUnique(String text, Set<String> objectKeys, String key) {
        if (!objectKeys.add(key)) {
            throw target.fail(text, "has the key \"" + key + "\" twice in one object, and jsonb would keep only the"
                    + " last; fix the value in the source, or set the column's targetType to json" + Target.IN_PLAN);
        }
    }

    /** Fails when the current string or key holds what jsonb cannot store: U+0000 or an unpaired surrogate. */
    private void checkDecodable(String text, JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        for (int i = parser.getTextOffset(); i < end; i++) {
            char c = chars[i];
            if (c == 0) {
                throw target.fail(text, "has the escape \\u0000 in a string, and PostgreSQL jsonb cannot hold"
                        + " \\u0000; fix the value in the source, or set the column's targetType to json"
                        + Target.IN_PLAN);
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    throw target.fail(text, "has an unpaired surrogate escape \\u" + Integer.toHexString(c)
                            + " in a string, which PostgreSQL jsonb refuses; fix the value in the source, or set the"
                            + " column's targetType to json" + Target.IN_PLAN);
                }
            }
        }
    }

    private ConversionException invalid(String text, String why) {
        return target.fail(text, "is not valid JSON (" + why + "); fix the value in the source, or set the column's"
                + " targetType to text" + Target.IN_PLAN);
    }
}
