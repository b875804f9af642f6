package dev.cutover.schemas.migration;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * V2: indexes, then CHECK constraints, then foreign keys (which may rely on the unique indexes), all after the load.
 * Constraints are added NOT VALID: adding is instant and checks only new rows; validation is a separate step.
 */
final class ConstraintSql {
    private ConstraintSql() {
    }

    static String render(Plan plan) {
        List<String> statements = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            for (IndexPlan index : table.indexes()) {
                if (!early(plan, table, index)) {
                    statements.add(createIndex(plan.targetSchema(), table, index));
                }
            }
        }
        for (TablePlan table : plan.tables()) {
            for (CheckPlan check : table.checks()) {
                statements.add(alterTable(plan.targetSchema(), table) + " ADD CONSTRAINT " + quote(check.name())
                        + " CHECK (" + check.sql() + ") NOT VALID;\n");
            }
        }
        for (String statement : addForeignKeys(plan)) {
            statements.add(statement + ";\n");
        }
        if (statements.isEmpty()) {
            return "\n-- The plan has no secondary indexes, checks or foreign keys.\n";
        }
        return "\n" + String.join("", statements);
    }

    static List<String> validations(Plan plan) {
        List<String> statements = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            for (CheckPlan check : table.checks()) {
                statements.add(alterTable(plan.targetSchema(), table) + " VALIDATE CONSTRAINT " + quote(check.name()));
            }
        }
        for (TablePlan table : plan.tables()) {
            for (ForeignKeyPlan foreignKey : table.foreignKeys()) {
                statements.add(alterTable(plan.targetSchema(), table) + " VALIDATE CONSTRAINT "
                        + quote(foreignKey.name()));
            }
        }
        return List.copyOf(statements);
    }

    static List<String> addForeignKeys(Plan plan) {
        List<String> statements = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            for (ForeignKeyPlan foreignKey : table.foreignKeys()) {
                statements.add(alterTable(plan.targetSchema(), table) + " ADD CONSTRAINT " + quote(foreignKey.name())
                        + " " + foreignKeyDefinition(plan.targetSchema(), foreignKey) + " NOT VALID");
            }
        }
        return List.copyOf(statements);
    }

    static List<String> dropForeignKeys(Plan plan) {
        List<String> statements = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            for (ForeignKeyPlan foreignKey : table.foreignKeys()) {
                statements.add(alterTable(plan.targetSchema(), table) + " DROP CONSTRAINT IF EXISTS "
                        + quote(foreignKey.name()));
            }
        }
        return List.copyOf(statements);
    }

    /**
     * True for an index V1 creates with its table instead of V2 after the load: on a junction both sides list, the
     * index on the owner column of the side the primary key does not start with. Each document of that side replaces
     * its pairs with a DELETE by that column, which without the index reads the whole table, once per document.
     */
    static boolean early(Plan plan, TablePlan table, IndexPlan index) {
        if (index.unique() || index.where() != null || index.method() != null || plan.feeds(table.target()) < 2) {
            return false;
        }
        return plan.tables().stream().filter(t -> t.document() != null)
                .flatMap(t -> t.document().arrays().stream())
                .filter(feed -> feed.table().equals(table.target()))
                .anyMatch(feed -> index.elements().equals(feed.ownerColumns().stream().map(Identifiers::quote).toList()));
    }

    static String createIndex(String schema, TablePlan table, IndexPlan index) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.unique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ").append(quote(index.name())).append(" ON ").append(Identifiers.qualified(schema, table.target()));
        if (index.method() != null) {
            sql.append(" USING ").append(index.method());
        }
        sql.append(" (").append(String.join(", ", index.elements())).append(')');
        if (index.where() != null) {
            sql.append(" WHERE ").append(index.where());
        }
        return sql.append(";\n").toString();
    }

    /** The definition as the target wrote it when the plan carries one (existing mode), else built from the fields. */
    private static String foreignKeyDefinition(String schema, ForeignKeyPlan foreignKey) {
        if (foreignKey.definition() != null) {
            return foreignKey.definition();
        }
        return "FOREIGN KEY (" + quoted(foreignKey.columns()) + ") REFERENCES "
                + Identifiers.qualified(schema, foreignKey.refTable()) + " (" + quoted(foreignKey.refColumns()) + ")"
                + action("ON DELETE", foreignKey.onDelete()) + action("ON UPDATE", foreignKey.onUpdate());
    }

    private static String action(String clause, String action) {
        if (action == null || action.isBlank() || action.equalsIgnoreCase("NO ACTION")) {
            return "";
        }
        return " " + clause + " " + action.toUpperCase(Locale.ROOT);
    }

    private static String alterTable(String schema, TablePlan table) {
        return "ALTER TABLE " + Identifiers.qualified(schema, table.target());
    }

    private static String quoted(List<String> names) {
        return names.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }
}
