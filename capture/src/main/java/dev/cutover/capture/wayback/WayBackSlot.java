package dev.cutover.capture.wayback;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.wayback.ReverseChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The way back's footprint in PostgreSQL: a publication of the migrated tables and a small marker table, and a logical
 * replication slot (pgoutput) that keeps every change from the moment it was created until the reverse stream has it.
 * Creating is idempotent; dropping removes all three.
 */
public final class WayBackSlot {
    /** Rows written here travel the stream after everything committed before them: rollback's proof of arrival. */
    private static final String MARKER = ReverseChange.MARKER_TABLE;
    private static final String MARKER_SCHEMA = ReverseChange.MARKER_SCHEMA;

    private final String name;
    private final Plan plan;

    public WayBackSlot(String name, Plan plan) {
        this.name = name;
        this.plan = plan;
    }

    /** Creates what is missing; true when the slot is new (changes are kept from now on). */
    public boolean create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + MARKER_SCHEMA);
            statement.execute("CREATE TABLE IF NOT EXISTS " + MARKER + " (id int PRIMARY KEY, token text NOT NULL)");
            if (!exists(statement, "SELECT 1 FROM pg_publication WHERE pubname = '" + name + "'")) {
                statement.execute("CREATE PUBLICATION " + name + " FOR TABLE " + String.join(", ", tables()));
            }
            if (exists(statement, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + name + "'")) {
                return false;
            }
            statement.execute("SELECT pg_create_logical_replication_slot('" + name + "', 'pgoutput')");
            return true;
        }
    }

    private List<String> tables() {
        List<String> tables = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            tables.add(Identifiers.qualified(plan.targetSchema(), table.target()));
        }
        tables.add(MARKER);
        return tables;
    }

    /** True when the slot exists (the way back was started and not removed). */
    public boolean exists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return exists(statement, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + name + "'");
        }
    }

    /** Drops the slot (PostgreSQL may then discard the WAL it held), the publication and the marker table. */
    public void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (exists(statement, "SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + name + "'")) {
                statement.execute("SELECT pg_drop_replication_slot('" + name + "')");
            }
            statement.execute("DROP PUBLICATION IF EXISTS " + name);
            statement.execute("DROP TABLE IF EXISTS " + MARKER);
        }
    }

    /** Bytes of WAL the slot keeps PostgreSQL from removing; empty when there is no slot. */
    public Optional<Long> retainedBytes(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), "
                + "restart_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Writes a marker the stream delivers after every change committed before it. */
    public void mark(Connection connection, String token) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + MARKER + " VALUES (1, ?) "
                + "ON CONFLICT (id) DO UPDATE SET token = excluded.token")) {
            statement.setString(1, token);
            statement.executeUpdate();
        }
    }

    private static boolean exists(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next();
        }
    }
}
