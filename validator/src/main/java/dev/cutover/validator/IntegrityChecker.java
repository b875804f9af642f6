package dev.cutover.validator;

import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentValueText;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.RulePlan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the target's rows against the rules the plan declares, whether or not PostgreSQL enforces them yet (foreign
 * keys and checks are only created when the run is finalized): orphaned foreign keys, NULLs in NOT NULL columns,
 * failed check constraints and failed declared rules. Each finding lists the offending keys.
 */
final class IntegrityChecker {
    private final Plan plan;
    private final int maxExamples;

    IntegrityChecker(Plan plan, int maxExamples) {
        this.plan = plan;
        this.maxExamples = maxExamples;
    }

    List<Finding> check(TablePlan table, Connection postgres, PendingKeys pending) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        TableSql sql = new TableSql(plan.targetSchema(), table);
        for (ForeignKeyPlan fk : table.foreignKeys()) {
            findings.add(orphans(table, sql, fk, postgres, pending));
        }
        for (ColumnPlan column : table.columns()) {
            if (column.notNull()) {
                findings.add(violations(table, sql, "not-null", column.target() + " NOT NULL", column.source(),
                        quote(column.target()) + " IS NULL", postgres, pending));
            }
        }
        for (CheckPlan check : table.checks()) {
            findings.add(violations(table, sql, "check", check.name(), null, "NOT (" + check.sql() + ")", postgres,
                    pending));
        }
        for (RulePlan rule : plan.rules()) {
            if (rule.table().equals(table.source())) {
                findings.add(violations(table, sql, "rule", rule.name(), null, "NOT (" + rule.check() + ")", postgres,
                        pending));
            }
        }
        return findings;
    }

    /** Rules naming a table the plan does not have: reported, never silently skipped. */
    List<Finding> unknownRuleTables() {
        return plan.rules().stream().filter(r -> plan.table(r.table()).isEmpty())
                .map(r -> new Finding(r.table(), "rule", r.name(), null, 0, 0, List.of(),
                        "the plan has no table " + r.table() + "; fix the rule's \"table\" in plan.json", true))
                .toList();
    }

    private Finding orphans(TablePlan table, TableSql sql, ForeignKeyPlan fk, Connection postgres, PendingKeys pending)
            throws SQLException {
        String parent = qualified(plan.targetSchema(), fk.refTable());
        String notNull = fk.columns().stream().map(c -> "c." + quote(c) + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        List<String> match = new ArrayList<>();
        for (int i = 0; i < fk.columns().size(); i++) {
            match.add("p." + quote(fk.refColumns().get(i)) + " = c." + quote(fk.columns().get(i)));
        }
        String keys = table.key().targetColumns().stream().map(k -> "c." + quote(k))
                .collect(Collectors.joining(", "));
        String fkColumns = fk.columns().stream().map(c -> "c." + quote(c)).collect(Collectors.joining(", "));
        String query = "SELECT " + keys + ", " + fkColumns + " FROM " + sql.targetTable() + " c WHERE " + notNull
                + " AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + String.join(" AND ", match) + ")";
        String detail = "(" + String.join(", ", fk.columns()) + ") REFERENCES " + fk.refTable() + " ("
                + String.join(", ", fk.refColumns()) + ")";
        Optional<TablePlan> parentTable = plan.targetTable(fk.refTable())
                .filter(p -> p.key().targetColumns().equals(fk.refColumns()));
        Example example = table.document() == null ? (rs, key) -> key : (rs, key) -> documentExample(table, fk, rs);
        return scan(table, sql, "foreign-key", fk.name(), null, detail, query, postgres, example, (rs, key) -> {
            if (pending.contains(table.source(), key)) {
                return true;
            }
            if (parentTable.isEmpty()) {
                return false;
            }
            Object[] parentKey = new Object[fk.columns().size()];
            for (int i = 0; i < parentKey.length; i++) {
                Object value = rs.getObject(sql.keyCount() + i + 1);
                parentKey[i] = value instanceof Integer n ? Long.valueOf(n) : value;
            }
            TablePlan referenced = parentTable.get();
            return pending.contains(referenced.source(), RowKey.json(referenced.key().sourceColumns(), parentKey));
        });
    }

    private Finding violations(TablePlan table, TableSql sql, String kind, String name, String column, String condition,
                               Connection postgres, PendingKeys pending) throws SQLException {
        String query = "SELECT " + sql.targetKeyList() + " FROM " + sql.targetTable() + " WHERE " + condition;
        return scan(table, sql, kind, name, column, condition, query, postgres, (rs, key) -> key,
                (rs, key) -> pending.contains(table.source(), key));
    }

    private Finding scan(TablePlan table, TableSql sql, String kind, String name, String column, String detail,
                         String query, Connection postgres, Example example, PendingCheck isPending)
            throws SQLException {
        long rows = 0;
        long pendingRows = 0;
        List<String> examples = new ArrayList<>();
        boolean autoCommit = postgres.getAutoCommit();
        postgres.setAutoCommit(false);
        try (Statement statement = postgres.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery(query)) {
                while (rs.next()) {
                    String key = sql.keyJson(sql.key(rs));
                    if (isPending.test(rs, key)) {
                        pendingRows++;
                    } else {
                        rows++;
                        if (examples.size() < maxExamples) {
                            examples.add(example.of(rs, key));
                        }
                    }
                }
            }
            postgres.commit();
        } catch (SQLException e) {
            postgres.rollback();
            if (!"rule".equals(kind) && !"check".equals(kind)) {
                throw e;
            }
            return new Finding(table.source(), kind, name, column, 0, 0, List.of(),
                    "cannot evaluate " + detail + ": " + firstLine(e.getMessage()), true);
        } finally {
            postgres.setAutoCommit(autoCommit);
        }
        return new Finding(table.source(), kind, name, column, rows, pendingRows, examples, detail, false);
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /**
     * A document row breaking a foreign key as its document holds it: the key and the reference, ObjectId-made UUIDs
     * as ObjectIds ({@code {"_id": {"$oid": …}, "owner": {"$oid": …}}}).
     */
    private static String documentExample(TablePlan table, ForeignKeyPlan fk, ResultSet rs)
            throws SQLException {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<String> columns = new ArrayList<>(table.key().targetColumns());
        columns.addAll(fk.columns());
        for (int i = 0; i < columns.size(); i++) {
            if (!names.contains(DocumentValueText.fieldName(table, columns.get(i)))) {
                names.add(DocumentValueText.fieldName(table, columns.get(i)));
                values.add(rs.getObject(i + 1));
            }
        }
        return DocumentValueText.json(names, values);
    }

    @FunctionalInterface
    private interface Example {
        String of(ResultSet rs, String key) throws SQLException;
    }

    @FunctionalInterface
    private interface PendingCheck {
        boolean test(ResultSet rs, String key) throws SQLException;
    }
}
