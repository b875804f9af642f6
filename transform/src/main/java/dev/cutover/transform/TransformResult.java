package dev.cutover.transform;

import dev.cutover.schemas.avro.RowChange;
import java.util.List;

/**
 * A change event after the plan is applied: the row change, or why it cannot be one.
 *
 * @param row       the row change, or null when rejected
 * @param column    the source column (or document field) at fault, or null when none is (or the row was not rejected)
 * @param rejection what is wrong and what to do, or null when the row converted
 * @param rounded   the target columns whose REAL value was rounded from float noise to the column's scale (see
 *                  {@link dev.cutover.schemas.plan.FloatNoise}); empty when none was, or the row was rejected
 */
public record TransformResult(RowChange row, String column, String rejection, List<String> rounded) {

    public TransformResult {
        rounded = List.copyOf(rounded);
    }

    public static TransformResult row(RowChange row) {
        return new TransformResult(row, null, null, List.of());
    }

    public static TransformResult row(RowChange row, List<String> rounded) {
        return new TransformResult(row, null, null, rounded);
    }

    public static TransformResult rejected(String column, String reason) {
        return new TransformResult(null, column, reason, List.of());
    }
}
