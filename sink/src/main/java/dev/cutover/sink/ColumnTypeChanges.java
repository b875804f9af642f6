package dev.cutover.sink;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.plan.TargetCatalog;
import dev.cutover.sink.catalog.PgCatalogReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Brings the tables a generated plan created up to date when plan.json changed afterwards in the one way that can be
 * applied to tables holding data: a column's {@code targetType} (e.g. widened so that rows in the error log fit).
 * Each changed column is altered with {@code ALTER TABLE ... ALTER COLUMN ... TYPE}, all in one transaction, after
 * the whole plan was compared with the target: any other difference (a table or column added, removed or renamed,
 * NOT NULL, identity, generated or default columns, the key) is refused before anything changes. Types are compared
 * as PostgreSQL spells them ({@code format_type}), so {@code varchar(20)} and {@code character varying(20)} are equal.
 */
public final class ColumnTypeChanges {
    private final Plan plan;
    private final List<String> problems = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();

    private record Change(TablePlan table, ColumnPlan column, String from, String to) {
        @Override
        public String toString() {
            return table.target() + "." + column.target() + " " + from + " → " + to;
        }
    }

    private ColumnTypeChanges(Plan plan) {
        this.plan = plan;
    }

    /**
     * Alters every column whose type in the target differs from the plan's; returns what changed ("table.column from
     * → to"), empty when nothing did.
     *
     * @throws CutoverException BAD_CONFIGURATION when the plan differs from the target in another way, names a type
     *                          PostgreSQL does not know, or the rows do not convert to the new type; TARGET_UNREACHABLE
     *                          when PostgreSQL cannot be reached
     */
    public static List<String> apply(Plan plan, PgTarget target) {
        try (Connection connection = target.connect()) {
            connection.setAutoCommit(false);
            try {
                List<String> applied = new ColumnTypeChanges(plan).applyIn(connection);
                connection.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw target.failure("changing column types to the plan's", e);
        }
    }

    private List<String> applyIn(Connection connection) throws SQLException {
        TargetCatalog catalog = PgCatalogReader.read(connection, plan.targetSchema());
        for (int n = 0; n < plan.tables().size(); n++) {
            TablePlan table = plan.tables().get(n);
            Optional<TargetCatalog.Table> existing = catalog.tables().stream()
                    .filter(t -> t.name().equals(table.target())).findFirst();
            if (existing.isEmpty()) {
                problems.add("table " + table.target() + " is planned but not in the target");
            } else {
                compare(table, existing.get(), plannedTypes(connection, n, table));
            }
        }
        if (!problems.isEmpty()) {
            throw CutoverException.config("plan.json changed since the target's tables were created, in ways that "
                    + "cannot be applied to tables that hold data: " + String.join("; ", problems) + ". Only a "
                    + "column's targetType can change (Cutover alters the column); restore the rest of the plan, or "
                    + "start again with an empty target and a new --work directory");
        }
        for (Change change : changes) {
            alter(connection, change);
        }
        return changes.stream().map(Change::toString).toList();
    }

    /** The planned types as PostgreSQL spells them, read from a temporary table declared with them. */
    private List<String> plannedTypes(Connection connection, int n, TablePlan table) throws SQLException {
        String name = "_cutover_planned_" + n;
        String columns = table.columns().stream().map(c -> quote(c.target()) + " " + c.targetType())
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE " + quote(name) + " (" + columns + ") ON COMMIT DROP");
        } catch (SQLException e) {
            rethrowIfUnreachable(e);
            throw CutoverException.config("plan.json gives table " + table.target() + " a targetType PostgreSQL does "
                    + "not accept (" + PgTarget.mask(e.getMessage()) + "); correct it in plan.json");
        }
        List<String> types = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM "
                + "pg_attribute WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            statement.setString(1, "pg_temp." + quote(name));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    private void compare(TablePlan table, TargetCatalog.Table existing, List<String> plannedTypes) {
        List<String> planned = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnPlan column = table.columns().get(i);
            planned.add(column.target());
            Optional<TargetCatalog.Column> actual = existing.column(column.target());
            if (actual.isEmpty()) {
                problems.add("column " + table.target() + "." + column.target() + " is planned but not in the target");
                continue;
            }
            compareColumn(table, column, actual.get(), plannedTypes.get(i));
        }
        boolean rowid = table.key().kind() == KeyPlan.KeyKind.ROWID;
        existing.columns().stream().map(TargetCatalog.Column::name)
                .filter(c -> !planned.contains(c) && !(rowid && c.equals(KeyPlan.ROWID_COLUMN)))
                .forEach(c -> problems.add("column " + table.target() + "." + c + " is in the target but not planned"));
        List<String> key = rowid ? List.of() : table.key().targetColumns();
        if (!existing.primaryKey().equals(key)) {
            problems.add("the primary key of " + table.target() + " is " + existing.primaryKey() + " in the target, "
                    + key + " in the plan");
        }
    }

    private void compareColumn(TablePlan table, ColumnPlan column, TargetCatalog.Column actual, String plannedType) {
        String name = table.target() + "." + column.target();
        boolean key = table.key().kind() == KeyPlan.KeyKind.PRIMARY_KEY
                && table.key().targetColumns().contains(column.target());
        boolean notNull = column.notNull() || column.identity() || key;
        boolean hasDefault = column.defaultSql() != null && column.generatedSql() == null && !column.identity();
        if (actual.notNull() != notNull) {
            problems.add(name + " is " + (actual.notNull() ? "" : "not ") + "NOT NULL in the target");
        }
        if (actual.identity() != column.identity() || actual.generated() != (column.generatedSql() != null)
                || actual.hasDefault() != hasDefault) {
            problems.add(name + " differs in identity, generation or default");
        }
        if (!actual.type().equals(plannedType)) {
            changes.add(new Change(table, column, actual.type(), plannedType));
        }
    }

    private void alter(Connection connection, Change change) throws SQLException {
        String column = quote(change.column().target());
        String sql = "ALTER TABLE " + Identifiers.qualified(plan.targetSchema(), change.table().target())
                + " ALTER COLUMN " + column + " TYPE " + change.to()
                + (change.column().generatedSql() == null ? " USING " + column + "::" + change.to() : "");
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            rethrowIfUnreachable(e);
            throw CutoverException.config("PostgreSQL cannot change " + change + " ("
                    + PgTarget.mask(String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " ")) + "); choose a "
                    + "targetType in plan.json that the column's rows convert to and PostgreSQL can change it to");
        }
    }

    /** A lost connection is the target's failure, not the plan's. */
    private static void rethrowIfUnreachable(SQLException e) throws SQLException {
        String state = e.getSQLState() == null ? "08000" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
            throw e;
        }
    }
}
