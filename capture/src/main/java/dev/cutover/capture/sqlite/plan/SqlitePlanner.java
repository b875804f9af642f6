package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** PLACEHOLDER replaced by the planner branch: a naive planner for pipeline tests. */
public final class SqlitePlanner {
    private SqlitePlanner() {
    }

    public static Plan plan(Path sqliteFile, PlannerOptions options) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
            List<TablePlan> tables = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
                while (rs.next()) names.add(rs.getString(1));
            }
            for (String name : names) {
                List<ColumnPlan> columns = new ArrayList<>();
                List<String> pk = new ArrayList<>();
                try (var ps = c.prepareStatement("SELECT name, type, pk, \"notnull\" FROM pragma_table_xinfo(?) ORDER BY cid")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String t = rs.getString(2).toUpperCase();
                            String target = t.contains("INT") ? "bigint" : t.contains("REAL") || t.contains("FLOA") ? "double precision"
                                    : t.contains("BLOB") ? "bytea" : "text";
                            columns.add(new ColumnPlan(rs.getString(1), rs.getString(1), rs.getString(2), target,
                                    rs.getInt(4) == 1, null, null, false, null, null, null));
                            if (rs.getInt(3) > 0) pk.add(rs.getString(1));
                        }
                    }
                }
                KeyPlan key = pk.isEmpty() ? new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"), List.of(KeyPlan.ROWID_COLUMN))
                        : new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, pk, pk);
                tables.add(new TablePlan(name, name, key, columns, List.of(), List.of(), List.of(), 0, List.of()));
            }
            return new Plan(Plan.FORMAT_VERSION, "sqlite:" + sqliteFile.toAbsolutePath().normalize(), SchemaMode.GENERATE,
                    options.targetSchema(), tables, List.of(), List.of(), List.of(), List.of(), List.of());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
