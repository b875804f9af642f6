package dev.cutover.schemas.source;

import java.util.List;

/**
 * One row (or document) read back from a source, in the raw events' form.
 *
 * @param key    key values, parallel to the table's source key columns
 * @param values a tabular source: the values of the table's planned source columns, in the plan's column order;
 *               a document source: one {@link dev.cutover.schemas.avro.Document}
 */
public record SourceRow(List<Object> key, List<Object> values) {
}
