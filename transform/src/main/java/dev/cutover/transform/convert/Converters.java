package dev.cutover.transform.convert;

import dev.cutover.schemas.plan.ColumnPlan;

/** PLACEHOLDER replaced by the converters branch: passes values through as text. */
public final class Converters {
    private Converters() {
    }

    public static ColumnConverter forColumn(ColumnPlan column) {
        return raw -> raw == null ? null : raw instanceof java.nio.ByteBuffer b ? b : raw.toString();
    }
}
