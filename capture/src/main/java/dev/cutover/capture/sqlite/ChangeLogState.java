package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code _cutover_state(key, value)}: what capture keeps in the source about itself. Keys: {@code journal_mode} (the
 * mode the file had before Cutover first touched it), {@code capture_id} (identity of this change log) and, while a
 * snapshot has started but no offset is committed yet, {@code snapshot_from}.
 */
final class ChangeLogState {
    static final String TABLE = "_cutover_state";
    static final String JOURNAL_MODE = "journal_mode";
    static final String CAPTURE_ID = "capture_id";
    static final String SNAPSHOT_FLOOR = "snapshot_from";
    private static final String STATE = quote(TABLE);

    private ChangeLogState() {
    }

    static void create(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE IF NOT EXISTS " + STATE + "(key TEXT PRIMARY KEY, value)");
    }

    /** Records the journal mode and a new capture id, unless an earlier install did. */
    static void initialize(Connection connection, String journalMode) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR IGNORE INTO " + STATE + "(key, value) VALUES (?, ?)")) {
            ps.setString(1, JOURNAL_MODE);
            ps.setString(2, journalMode.toLowerCase(Locale.ROOT));
            ps.executeUpdate();
            ps.setString(1, CAPTURE_ID);
            ps.setString(2, UUID.randomUUID().toString());
            ps.executeUpdate();
        }
    }

    static Optional<String> get(Connection connection, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM " + STATE + " WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void set(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR REPLACE INTO " + STATE + "(key, value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    static void delete(Connection connection, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + STATE + " WHERE key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    static String journalMode(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1).toLowerCase(Locale.ROOT);
        }
    }
}
