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
 * @param definition existing-target mode: the constraint exactly as the target defines it, from
 *                   {@code pg_get_constraintdef} (e.g. {@code FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE
 *                   CASCADE}), so the pipeline can drop it before the load and add it back unchanged with
 *                   {@code ALTER TABLE ... ADD CONSTRAINT name <definition> NOT VALID} followed by {@code VALIDATE};
 *                   null in generate mode, where the other fields are the definition
 */
public record ForeignKeyPlan(
        String name,
        List<String> columns,
        String refTable,
        List<String> refColumns,
        String onDelete,
        String onUpdate,
        String definition) {

    public ForeignKeyPlan {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    /** A foreign key planned from the source (generate mode). */
    public ForeignKeyPlan(String name, List<String> columns, String refTable, List<String> refColumns, String onDelete,
            String onUpdate) {
        this(name, columns, refTable, refColumns, onDelete, onUpdate, null);
    }
}
