package dev.cutover.capture.wayback;

import dev.cutover.schemas.CutoverException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the way back needs from a PostgreSQL server, checked all at once: logical decoding ({@code wal_level}), a free
 * replication slot and WAL sender for the reverse stream, PostgreSQL 16 or later (pgoutput's {@code origin=none}, which
 * keeps the forward sink's own writes out of the reverse stream), and a user allowed to set replication origins and
 * to stream. Each problem names the setting, its value and the statement that fixes it.
 */
public final class WayBackRequirements {
    /** The first server version whose pgoutput filters changes by origin. */
    public static final int MIN_VERSION_NUM = 160000;

    private WayBackRequirements() {
    }

    /** Every unmet requirement, in words an operator acts on; empty when the way back can start. */
    public static List<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            int version = intValue(statement, "SELECT current_setting('server_version_num')::int");
            if (version < MIN_VERSION_NUM) {
                problems.add("PostgreSQL " + text(statement, "SHOW server_version") + " cannot keep the forward sink's "
                        + "own writes out of the reverse stream (pgoutput's origin=none needs PostgreSQL 16 or later): "
                        + "upgrade the server to use the way back, or switch without it (keep a backup of the SQLite file)");
            }
            String walLevel = text(statement, "SHOW wal_level");
            if (!walLevel.equals("logical")) {
                problems.add("wal_level is '" + walLevel + "', the way back needs 'logical': run ALTER SYSTEM SET "
                        + "wal_level = logical; and restart PostgreSQL (on a managed service set the parameter "
                        + "group's rds.logical_replication = 1 or its equivalent)");
            }
            requireFree(statement, problems, "max_replication_slots", "SELECT count(*) FROM pg_replication_slots");
            requireFree(statement, problems, "max_wal_senders", "SELECT count(*) FROM pg_stat_replication");
            requirePrivileges(statement, problems);
        }
        return problems;
    }

    /** Throws a configuration error listing every problem; returns quietly when there is none. */
    public static void require(Connection connection, String where) throws SQLException {
        List<String> problems = problems(connection);
        if (!problems.isEmpty()) {
            throw CutoverException.config("the way back cannot start on " + where + ": " + String.join("; ", problems));
        }
    }

    private static void requireFree(Statement statement, List<String> problems, String setting, String usedQuery)
            throws SQLException {
        int limit = intValue(statement, "SELECT current_setting('" + setting + "')::int");
        int used = intValue(statement, usedQuery);
        if (used >= limit) {
            problems.add(setting + " is " + limit + " and " + used + " in use; the way back needs one more: run ALTER "
                    + "SYSTEM SET " + setting + " = " + (used + 4) + "; and restart PostgreSQL");
        }
    }

    private static void requirePrivileges(Statement statement, List<String> problems) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT current_user, rolsuper, rolreplication, "
                + "(SELECT count(DISTINCT proname) = 2 FROM pg_proc WHERE proname IN "
                + "('pg_replication_origin_session_setup', 'pg_replication_origin_create') "
                + "AND has_function_privilege(oid, 'EXECUTE')) "
                + "FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            String user = rs.getString(1);
            if (rs.getBoolean(2)) {
                return;
            }
            if (!rs.getBoolean(3)) {
                problems.add("user " + user + " may not stream changes: run ALTER ROLE \"" + user + "\" REPLICATION;");
            }
            if (!rs.getBoolean(4)) {
                problems.add("user " + user + " may not set replication origins (how the forward sink marks its own "
                        + "writes): run GRANT EXECUTE ON FUNCTION pg_replication_origin_create(text), "
                        + "pg_replication_origin_session_setup(text), pg_replication_origin_session_reset() TO \""
                        + user + "\"; as a superuser");
            }
        }
    }

    private static int intValue(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
