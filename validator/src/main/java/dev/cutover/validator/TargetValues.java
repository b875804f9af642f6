package dev.cutover.validator;

import dev.cutover.schemas.plan.ColumnPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** Reads PostgreSQL values in the Java types {@link ValueEquality} compares, by target type. */
public final class TargetValues {
    private TargetValues() {
    }

    public static Object read(ResultSet rs, int column, String targetType) throws SQLException {
        return switch (baseType(targetType)) {
            case "date" -> rs.getObject(column, LocalDate.class);
            case "timestamp" -> rs.getObject(column, LocalDateTime.class);
            case "timestamp with time zone" -> rs.getObject(column, OffsetDateTime.class);
            case "time" -> rs.getObject(column, LocalTime.class);
            case "jsonb", "json" -> rs.getString(column);
            case "numeric" -> numeric(rs, column);
            default -> rs.getObject(column);
        };
    }

    /** numeric NaN and ±Infinity have no BigDecimal: they are read as doubles. */
    private static Object numeric(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> new java.math.BigDecimal(text);
        };
    }

    /**
     * The type without modifiers and in canonical spelling: {@code numeric(10,2)} → numeric, {@code varchar(20)} →
     * character varying, {@code timestamptz} → timestamp with time zone, {@code int8} → bigint.
     */
    public static String baseType(String targetType) {
        return ColumnPlan.baseType(targetType);
    }
}
