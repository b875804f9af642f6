package dev.cutover.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The row-topic offsets the sink has applied, kept in PostgreSQL ({@code cutover.sink_offsets}) and written in the
 * same transaction as the rows. On start the sink seeks to them, so a batch is applied exactly once however often the
 * process dies between the PostgreSQL commit and anything else.
 */
public final class OffsetStore {
    public static final String SCHEMA = "cutover";
    private static final String TABLE = SCHEMA + ".sink_offsets";

    private final String migration;
    private final String topic;

    public OffsetStore(String migration, String topic) {
        this.migration = migration;
        this.topic = topic;
    }

    public static void ensureTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "migration text NOT NULL, topic text NOT NULL, partition integer NOT NULL, "
                    + "next_offset bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), "
                    + "PRIMARY KEY (migration, topic, partition))");
        }
    }

    /** Partition to the next offset to apply; partitions never applied are absent. */
    public Map<Integer, Long> load(Connection connection) throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT partition, next_offset FROM " + TABLE + " WHERE migration = ? AND topic = ?")) {
            ps.setString(1, migration);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }

    /** Records the next offsets inside the caller's transaction. */
    public void save(Connection connection, Map<Integer, Long> nextOffsets) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + TABLE
                + " (migration, topic, partition, next_offset) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (migration, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, "
                + "updated_at = now()")) {
            for (Map.Entry<Integer, Long> entry : nextOffsets.entrySet()) {
                ps.setString(1, migration);
                ps.setString(2, topic);
                ps.setInt(3, entry.getKey());
                ps.setLong(4, entry.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
