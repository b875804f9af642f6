package dev.cutover.sink;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the target ready to receive data, or refuses with the reason before anything is written: a generated schema
 * is created with Flyway (V1: tables and keys); a target whose tables hold rows this migration did not write is left
 * alone.
 */
public final class TargetPreparation {
    private TargetPreparation() {
    }

    /**
     * Refuses a target that holds data this migration did not write; reads only.
     *
     * @param migration the id of the migration (the key of its offsets in the target)
     */
    public static void check(Plan plan, PgTarget target, String migration) {
        try (Connection connection = target.connect()) {
            if (hasOffsets(connection, migration)) {
                return;
            }
            if (plan.mode() == SchemaMode.EXISTING) {
                requireEmpty(connection, plan);
                return;
            }
            List<String> existing = existingTables(connection, plan);
            if (!historyExists(connection) && !existing.isEmpty()) {
                throw CutoverException.config("target schema " + plan.targetSchema() + " already has table(s) "
                        + String.join(", ", existing) + " that this migration did not create; use an empty database, "
                        + "or run `cutover plan --target URL` to map into the existing tables");
            }
        } catch (SQLException e) {
            throw target.failure("checking the target", e);
        }
    }

    /**
     * Creates the generated schema's tables (V1), or brings them up to a plan.json whose column types were changed
     * since they were created; or sets the existing target's foreign keys aside.
     *
     * @param migrations the directory of the plan's Flyway migrations
     */
    public static void prepare(Plan plan, PgTarget target, Path migrations, PrintStream out) {
        try (Connection connection = target.connect()) {
            if (plan.mode() == SchemaMode.GENERATE) {
                SchemaApplier applier = new SchemaApplier(target, migrations);
                applyChangedTypes(plan, target, applier, out);
                int applied = applier.applyTables();
                if (applied > 0) {
                    out.println("schema: created " + plan.tables().size() + " tables (migration V1 applied with Flyway)");
                }
            } else {
                dropForeignKeys(connection, plan, out);
            }
        } catch (SQLException e) {
            throw target.failure("preparing the target", e);
        }
    }

    /**
     * plan.json was edited after its tables were created (V1's script no longer matches the applied one): the changed
     * column types are applied to the tables and the new script recorded as applied; any other change is refused
     * ({@link ColumnTypeChanges}), and so is a change to V1 in which no type differs (a default or a generated
     * column's expression, which the tables cannot be compared with). A change to V2 after it was applied is refused
     * too: its indexes and constraints exist.
     */
    private static void applyChangedTypes(Plan plan, PgTarget target, SchemaApplier applier, PrintStream out) {
        List<String> changed = applier.changedSinceApplied();
        if (changed.isEmpty()) {
            return;
        }
        if (!changed.equals(List.of("1"))) {
            throw CutoverException.config("plan.json's indexes, checks or foreign keys changed since `cutover finalize` "
                    + "created them in the target (migration V2); restore them in plan.json, or start again with an empty "
                    + "target and a new --work directory");
        }
        List<String> altered = ColumnTypeChanges.apply(plan, target);
        if (altered.isEmpty()) {
            throw CutoverException.config("plan.json changed since the target's tables were created (migration V1), "
                    + "but no column's type differs from the target: such a change (a default, a generated column's "
                    + "expression) cannot be applied to tables that hold data; restore plan.json as it was, or start "
                    + "again with an empty target and a new --work directory");
        }
        applier.acceptChangedScripts();
        out.println("schema: plan.json changed since the tables were created; column types changed: "
                + String.join(", ", altered));
    }

    /**
     * Existing-target mode: the target's foreign keys would refuse rows whose parents arrive later (order across
     * tables is not kept), so they are dropped for the load and restored, then validated, when it is done. Their
     * definitions are in the plan.
     */
    private static void dropForeignKeys(Connection connection, Plan plan, PrintStream out) throws SQLException {
        List<String> statements = MigrationWriter.dropForeignKeyStatements(plan);
        try (java.sql.Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        if (!statements.isEmpty()) {
            out.println("schema: " + statements.size() + " foreign keys of the target set aside for the load "
                    + "(restored and validated when it is done; definitions in plan.json)");
        }
    }

    private static boolean hasOffsets(Connection connection, String migration) throws SQLException {
        if (!tableExists(connection, OffsetStore.SCHEMA, "sink_offsets")) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM " + OffsetStore.SCHEMA + ".sink_offsets WHERE migration = ? LIMIT 1")) {
            ps.setString(1, migration);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean historyExists(Connection connection) throws SQLException {
        return tableExists(connection, OffsetStore.SCHEMA, "flyway_schema_history");
    }

    private static List<String> existingTables(Connection connection, Plan plan) throws SQLException {
        Set<String> planned = new HashSet<>();
        plan.tables().forEach(t -> planned.add(t.target()));
        List<String> existing = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY 1")) {
            ps.setString(1, plan.targetSchema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (planned.contains(rs.getString(1))) {
                        existing.add(rs.getString(1));
                    }
                }
            }
        }
        return existing;
    }

    private static void requireEmpty(Connection connection, Plan plan) throws SQLException {
        for (TablePlan table : plan.tables()) {
            String name = Identifiers.qualified(plan.targetSchema(), table.target());
            try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + name + ")");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw CutoverException.config("target table " + name + " already holds rows that this migration did "
                            + "not write; Cutover loads into empty tables: use an empty database, or empty the table if "
                            + "its rows are disposable");
                }
            }
        }
    }

    private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, Identifiers.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
