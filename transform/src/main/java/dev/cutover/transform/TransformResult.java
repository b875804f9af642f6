package dev.cutover.transform;

import dev.cutover.schemas.avro.RowChange;

/**
 * A change event after the plan is applied: the row change, or why it cannot be one.
 *
 * @param row       the row change, or null when rejected
 * @param column    the source column at fault, or null when none is (or the row was not rejected)
 * @param rejection what is wrong and what to do, or null when the row converted
 */
public record TransformResult(RowChange row, String column, String rejection) {

    static TransformResult row(RowChange row) {
        return new TransformResult(row, null, null);
    }

    static TransformResult rejected(String column, String reason) {
        return new TransformResult(null, column, reason);
    }
}
