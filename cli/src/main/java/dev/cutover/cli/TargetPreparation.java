package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.OffsetStore;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SchemaApplier;
import java.io.PrintStream;
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
final class TargetPreparation {
    private TargetPreparation() {
    }

    /** Refuses a target that holds data this migration did not write; reads only. */
    static void check(Plan plan, PgTarget target, WorkDir.Migration migration) {
        try (Connection connection = target.connect()) {
            if (hasOffsets(connection, migration.id())) {
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

    /** Creates the generated schema's tables (V1), or sets the existing target's foreign keys aside. */
    static void prepare(Plan plan, PgTarget target, WorkDir work, PrintStream out) {
        try (Connection connection = target.connect()) {
            if (plan.mode() == SchemaMode.GENERATE) {
                int applied = new SchemaApplier(target, work.migrations()).applyTables();
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
            String name = quote(plan.targetSchema()) + "." + quote(table.target());
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
            ps.setString(1, quote(schema) + "." + quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
