package dev.cutover.transform.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The strict JSON reader shared by the JSON and array converters: standard JSON only (no comments, no NaN, no
 * single quotes, no trailing commas), and none of Jackson's size limits, so PostgreSQL's own limits decide.
 * {@link JsonFactory} is thread-safe; each parse gets its own parser.
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private Json() {
    }

    static JsonParser parser(String text) {
        try {
            return FACTORY.createParser(text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a string as JSON", e);
        }
    }
}
