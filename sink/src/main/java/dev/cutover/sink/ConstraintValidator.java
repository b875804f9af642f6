package dev.cutover.sink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.Tasks;
import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.DocumentValueText;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Validates the plan's constraints that were added NOT VALID (checks and foreign keys), one statement at a time per
 * table (two tables at once), so writers are never blocked for long. A constraint the data violates stays NOT VALID
 * (PostgreSQL still enforces it for new rows) and is reported with the keys of the offending rows, not a stack trace.
 */
public final class ConstraintValidator {
    private static final int SAMPLE = 10;
    /** Tables validated at once. */
    private static final int CONNECTIONS = 2;

    private final PgTarget target;
    private final Plan plan;

    public ConstraintValidator(PgTarget target, Plan plan) {
        this.target = target;
        this.plan = plan;
    }

    /** A violated constraint: its name, table, how many rows break it, and some of their keys. */
    public record Violation(String constraint, String table, long rows, List<String> keys, String description) {
        @Override
        public String toString() {
            return description + ": " + rows + (rows == 1 ? " row" : " rows") + " of " + table + ", e.g. "
                    + String.join(", ", keys);
        }
    }

    /**
     * Validates every table's constraints, two tables at a time on their own connections (a VALIDATE locks only its
     * own table against other schema changes, and the referenced table not at all, so two never wait on each other);
     * returns the violations in plan order.
     */
    public List<Violation> validate() {
        List<TablePlan> tables = plan.tables().stream()
                .filter(t -> !t.checks().isEmpty() || !t.foreignKeys().isEmpty()).toList();
        int connections = Math.max(1, Math.min(CONNECTIONS, tables.size()));
        ExecutorService pool = Tasks.daemonPool(connections, "cutover-constraints");
        try {
            List<Future<List<Violation>>> results = new ArrayList<>();
            for (TablePlan table : tables) {
                results.add(pool.submit(() -> validate(table)));
            }
            List<Violation> violations = new ArrayList<>();
            for (Future<List<Violation>> result : results) {
                violations.addAll(Tasks.result(result, "validating constraints"));
            }
            return violations;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Violation> validate(TablePlan table) {
        List<Violation> violations = new ArrayList<>();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            for (CheckPlan check : table.checks()) {
                if (!valid(statement, table, check.name())) {
                    violations.add(offenders(statement, table, check.name(), "(" + check.sql() + ") IS FALSE", List.of(),
                            "check " + check.name() + " (" + check.sql() + ")"));
                }
            }
            for (ForeignKeyPlan key : table.foreignKeys()) {
                if (!valid(statement, table, key.name())) {
                    violations.add(offenders(statement, table, key.name(), orphan(key), key.columns(),
                            "foreign key " + key.name() + " " + table.target() + "(" + String.join(", ", key.columns())
                                    + ") → " + key.refTable() + "(" + String.join(", ", key.refColumns()) + ")"));
                }
            }
        } catch (SQLException e) {
            throw target.failure("validating constraints", e);
        }
        return violations;
    }

    private boolean valid(Statement statement, TablePlan table, String constraint) throws SQLException {
        try {
            statement.execute("ALTER TABLE " + Identifiers.qualified(plan.targetSchema(), table.target())
                    + " VALIDATE CONSTRAINT " + Identifiers.quote(constraint));
            return true;
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState()) || "23514".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Rows whose foreign key columns are all set but match no parent row (MATCH SIMPLE semantics). */
    private String orphan(ForeignKeyPlan key) {
        List<String> present = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        for (int i = 0; i < key.columns().size(); i++) {
            present.add("c." + Identifiers.quote(key.columns().get(i)) + " IS NOT NULL");
            joins.add("p." + Identifiers.quote(key.refColumns().get(i)) + " = c." + Identifiers.quote(key.columns().get(i)));
        }
        return String.join(" AND ", present) + " AND NOT EXISTS (SELECT 1 FROM "
                + Identifiers.qualified(plan.targetSchema(), key.refTable()) + " p WHERE " + String.join(" AND ", joins) + ")";
    }

    /**
     * @param shown columns shown beside the key of each example (a foreign key's), for a table fed by documents only:
     *              there the example names the document as it is in the source, ObjectId-made UUIDs as ObjectIds
     */
    private Violation offenders(Statement statement, TablePlan table, String constraint, String condition,
                                List<String> shown, String description) throws SQLException {
        List<String> keyColumns = table.key().targetColumns();
        String from = " FROM " + Identifiers.qualified(plan.targetSchema(), table.target()) + " c WHERE " + condition;
        long count;
        try (ResultSet rs = statement.executeQuery("SELECT count(*)" + from)) {
            rs.next();
            count = rs.getLong(1);
        }
        boolean documents = table.document() != null;
        List<String> columns = new ArrayList<>(keyColumns);
        if (documents) {
            shown.stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        }
        List<String> keys = new ArrayList<>();
        String select = String.join(", ", columns.stream()
                .map(c -> "c." + Identifiers.quote(c) + (documents ? "" : "::text")).toList());
        try (ResultSet rs = statement.executeQuery("SELECT " + select + from + " LIMIT " + SAMPLE)) {
            while (rs.next()) {
                keys.add(documents ? documentExample(table, columns, rs) : textExample(keyColumns, rs));
            }
        }
        return new Violation(constraint, table.target(), count, keys, description);
    }

    private static String textExample(List<String> keyColumns, ResultSet rs) throws SQLException {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keyColumns.size(); i++) {
            key.put(keyColumns.get(i), rs.getString(i + 1));
        }
        return key.toString();
    }

    private static String documentExample(TablePlan table, List<String> columns, ResultSet rs) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            values.add(rs.getObject(i + 1));
        }
        return DocumentValueText.json(columns.stream().map(c -> DocumentValueText.fieldName(table, c)).toList(),
                values);
    }
}
