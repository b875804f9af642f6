package dev.cutover.capture.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PLACEHOLDER replaced by the live-capture branch: read-only queries on the change log. */
public final class SqliteChangeLog {
    private SqliteChangeLog() {
    }

    public static boolean installed(SqliteSource source) {
        try (Connection c = source.open(true); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = '_cutover_changes'")) {
            return rs.next() && rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw source.unreachable("read the change log of", e);
        }
    }

    public static long maxSequence(SqliteSource source) {
        if (!installed(source)) {
            return 0;
        }
        try (Connection c = source.open(true); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM \"_cutover_changes\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw source.unreachable("read the change log of", e);
        }
    }
}
