package dev.cutover.schemas.plan;

import java.util.List;

/**
 * A foreign key, created when the run is finalized (NOT VALID, then VALIDATE).
 *
 * @param name       target constraint name
 * @param columns    target columns of the referencing table
 * @param refTable   target name of the referenced table
 * @param refColumns referenced target columns
 * @param onDelete   NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT
 * @param onUpdate   likewise
 */
public record ForeignKeyPlan(
        String name,
        List<String> columns,
        String refTable,
        List<String> refColumns,
        String onDelete,
        String onUpdate) {

    public ForeignKeyPlan {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
