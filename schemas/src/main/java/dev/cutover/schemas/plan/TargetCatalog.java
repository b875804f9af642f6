package dev.cutover.schemas.plan;

import java.util.List;
import java.util.Optional;

/**
 * What an existing PostgreSQL schema holds, as far as mapping a source into it needs: its tables, their columns,
 * primary keys and foreign keys. Read from {@code pg_catalog} by the sink's {@code PgCatalogReader}.
 *
 * @param schema the schema read
 * @param tables its ordinary and partitioned tables, by name
 */
public record TargetCatalog(String schema, List<Table> tables) {

    public TargetCatalog {
        tables = List.copyOf(tables);
    }

    /**
     * One target table.
     *
     * @param name        table name, exactly
     * @param columns     columns in attribute order (dropped columns excluded)
     * @param primaryKey  primary-key columns in key order; empty when the table has none
     * @param foreignKeys the table's own foreign keys (those referencing other tables)
     */
    public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
        }

        public Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /**
     * One target column.
     *
     * @param name                 column name, exactly
     * @param type                 the type as {@code format_type} writes it, e.g. {@code timestamp(3) without time zone}
     * @param notNull              NOT NULL
     * @param hasDefault           has a default expression (generation expressions do not count)
     * @param generationExpression the expression of a {@code GENERATED ALWAYS AS (...) STORED} column, or null
     * @param identity             an identity column (ALWAYS or BY DEFAULT)
     */
    public record Column(String name, String type, boolean notNull, boolean hasDefault, String generationExpression,
            boolean identity) {

        /** Computed by PostgreSQL, so never written. */
        public boolean generated() {
            return generationExpression != null;
        }

        /** PostgreSQL fills it when an insert leaves it out. */
        public boolean fillsItself() {
            return hasDefault || generated() || identity;
        }
    }

    /**
     * A foreign key of a target table.
     *
     * @param name       constraint name
     * @param columns    referencing columns, in constraint order
     * @param refSchema  schema of the referenced table
     * @param refTable   referenced table
     * @param refColumns referenced columns, in constraint order
     * @param onDelete   NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT
     * @param onUpdate   likewise
     * @param definition {@code pg_get_constraintdef} without a trailing {@code NOT VALID}
     */
    public record ForeignKey(String name, List<String> columns, String refSchema, String refTable,
            List<String> refColumns, String onDelete, String onUpdate, String definition) {
        public ForeignKey {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }
}
