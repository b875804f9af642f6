package dev.cutover.sink;

import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What follows a completed load: every sequence behind an identity or serial column is moved past the table's maximum
 * (plus headroom, for rows still arriving from application instances not yet switched), the tables are analyzed for
 * the planner, and the target's row counts are read.
 */
public final class TargetFinisher {
    private final PgTarget target;
    private final Plan plan;

    public TargetFinisher(PgTarget target, Plan plan) {
        this.target = target;
        this.plan = plan;
    }

    /**
     * Runs schema statements one by one (e.g. re-adding foreign keys NOT VALID); a constraint that already exists
     * (finalize run twice) is fine.
     */
    public void executeEach(List<String> statements) {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    if (!"42710".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw target.failure("restoring constraints", e);
        }
    }

    /**
     * Moves every sequence owned by a planned table's column to the column's maximum plus {@code headroom}, so the
     * application's next insert gets a fresh id. Returns sequence name to the value it was set to.
     */
    public Map<String, Long> moveSequences(long headroom) {
        Map<String, Long> moved = new LinkedHashMap<>();
        try (Connection connection = target.connect()) {
            for (TablePlan table : plan.tables()) {
                String qualified = qualified(plan.targetSchema(), table.target());
                for (ColumnPlan column : table.columns()) {
                    String sequence = sequenceOf(connection, qualified, column.target());
                    if (sequence != null) {
                        moved.put(sequence, moveSequence(connection, sequence, qualified, column.target(), headroom));
                    }
                }
            }
        } catch (SQLException e) {
            throw target.failure("finishing the load", e);
        }
        return moved;
    }

    private static String sequenceOf(Connection connection, String table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long moveSequence(Connection connection, String sequence, String table, String column, long headroom)
            throws SQLException {
        // An empty table with no headroom leaves the sequence at 1, not yet called: the next id is 1.
        String sql = "SELECT CASE WHEN v >= 1 THEN setval(?::regclass, v, true) ELSE setval(?::regclass, 1, false) END "
                + "FROM (SELECT COALESCE(max(" + quote(column) + "), 0) + ? AS v FROM " + table + ") m";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, sequence);
            ps.setString(2, sequence);
            ps.setLong(3, headroom);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Updates planner statistics of every planned table. */
    public void analyze() {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            for (TablePlan table : plan.tables()) {
                statement.execute("ANALYZE " + qualified(plan.targetSchema(), table.target()));
            }
        } catch (SQLException e) {
            throw target.failure("finishing the load", e);
        }
    }

    /** Rows in each planned target table, by target name. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            for (TablePlan table : plan.tables()) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM "
                        + qualified(plan.targetSchema(), table.target()))) {
                    rs.next();
                    counts.put(table.target(), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw target.failure("finishing the load", e);
        }
        return counts;
    }
}
