package dev.cutover.schemas.plan;

/**
 * A check constraint.
 *
 * @param name      target constraint name
 * @param sql       boolean expression in PostgreSQL syntax
 * @param sourceSql the source expression, for review
 */
public record CheckPlan(String name, String sql, String sourceSql) {
}
