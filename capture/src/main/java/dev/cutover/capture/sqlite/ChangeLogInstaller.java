package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.KeyPlan;
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
 * Installs or updates capture in one write transaction: the change log (widened when a plan has wider keys), the
 * state, and exactly the wanted triggers (those that differ are replaced, stale ones dropped, equal ones left alone,
 * so installing twice changes nothing); then switches the file to WAL mode.
 */
final class ChangeLogInstaller {
    static final String OURS = "name LIKE '\\_cutover\\_%' ESCAPE '\\'";
    private static final String CHANGES = quote(CaptureTriggers.LOG_TABLE);
    private static final String ACTION = "install change capture in";

    private final SqliteSource source;
    private final Plan plan;
    private final List<String> warnings = new ArrayList<>();

    private ChangeLogInstaller(SqliteSource source, Plan plan) {
        this.source = source;
        this.plan = plan;
    }

    static SqliteChangeLog.Installed install(SqliteSource source, Plan plan) {
        return new ChangeLogInstaller(source, plan).install();
    }

    private SqliteChangeLog.Installed install() {
        SourceWrites.requireWritable(source, ACTION);
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            String journalMode = ChangeLogState.journalMode(statement);
            SourceWrites.immediate(statement, () -> {
                Map<String, String> triggers = triggers(connection);
                createTables(connection, statement);
                ChangeLogState.initialize(connection, journalMode);
                reconcile(statement, triggers);
                return null;
            });
            requireWal();
            return new SqliteChangeLog.Installed(
                    ChangeLogState.get(connection, ChangeLogState.CAPTURE_ID).orElseThrow(),
                    ChangeLogState.get(connection, ChangeLogState.JOURNAL_MODE).orElse(journalMode), warnings);
        } catch (SQLException e) {
            throw SourceWrites.failure(source, ACTION, e);
        }
    }

    private Map<String, String> triggers(Connection connection) throws SQLException {
        Map<String, String> triggers = new LinkedHashMap<>();
        for (int n = 0; n < plan.tables().size(); n++) {
            TablePlan table = plan.tables().get(n);
            SqliteTableSchema schema = SqliteTableSchema.read(connection, table.source())
                    .orElseThrow(() -> staleTable(table.source()));
            if (schema.virtual()) {
                warnings.add("capture: " + table.source() + " is a virtual table, which cannot have triggers: live "
                        + "changes to it are not captured (the snapshot still copies it); if the application writes "
                        + "it during the migration, rebuild it in PostgreSQL after the switch");
                continue;
            }
            requireKeyColumns(table, schema);
            schema.uniqueIndexes().stream().filter(i -> !i.readable()).forEach(i -> warnings.add("capture: unique "
                    + "index " + i.name() + " of " + table.source() + " cannot be read, so a row that INSERT OR "
                    + "REPLACE deletes through it is not captured as deleted; validate " + table.source()
                    + " before the switch"));
            triggers.putAll(CaptureTriggers.statements(n, table, schema));
        }
        return triggers;
    }

    private void requireKeyColumns(TablePlan table, SqliteTableSchema schema) {
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            if (schema.withoutRowid()) {
                throw staleTable(table.source());
            }
            return;
        }
        for (String column : table.key().sourceColumns()) {
            if (schema.columns().stream().noneMatch(c -> c.equalsIgnoreCase(column))) {
                throw CutoverException.config("key column " + column + " of table " + table.source()
                        + " is not in source " + source.path() + " any more; run `cutover plan` again");
            }
        }
    }

    private CutoverException staleTable(String table) {
        return CutoverException.config("table " + table + " is in the plan but not (or not in the same shape) in source "
                + source.path() + ": the source changed since planning; run `cutover plan` again");
    }

    /** The log has as many key columns as the widest planned key; an older, narrower log is widened. */
    private void createTables(Connection connection, Statement statement) throws SQLException {
        int width = plan.tables().stream().mapToInt(t -> t.key().sourceColumns().size()).max().orElse(1);
        StringBuilder keys = new StringBuilder();
        for (int i = 1; i <= width; i++) {
            keys.append(", k").append(i);
        }
        statement.execute("CREATE TABLE IF NOT EXISTS " + CHANGES
                + "(seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, ts REAL NOT NULL" + keys + ")");
        for (int i = keyColumnCount(connection) + 1; i <= width; i++) {
            statement.execute("ALTER TABLE " + CHANGES + " ADD COLUMN k" + i);
        }
        ChangeLogState.create(statement);
    }

    private static int keyColumnCount(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM pragma_table_info(?) WHERE name LIKE 'k%'")) {
            ps.setString(1, CaptureTriggers.LOG_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void reconcile(Statement statement, Map<String, String> wanted) throws SQLException {
        Map<String, String> existing = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND " + OURS + " ORDER BY name")) {
            while (rs.next()) {
                existing.put(rs.getString(1), rs.getString(2));
            }
        }
        for (Map.Entry<String, String> trigger : existing.entrySet()) {
            if (!trigger.getValue().equals(wanted.get(trigger.getKey()))) {
                statement.execute("DROP TRIGGER " + quote(trigger.getKey()));
            }
        }
        for (Map.Entry<String, String> trigger : wanted.entrySet()) {
            if (!trigger.getValue().equals(existing.get(trigger.getKey()))) {
                statement.execute(trigger.getValue());
            }
        }
    }

    /** Without WAL the snapshot's long read would block the application's writers, so WAL is not optional. */
    private void requireWal() {
        source.ensureWal();
        try (Connection connection = source.open(true); Statement statement = connection.createStatement()) {
            String mode = ChangeLogState.journalMode(statement);
            if (!mode.equals("wal")) {
                throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "source " + source.path() + " could not be "
                        + "switched to WAL mode (it is in " + mode + " mode), and without WAL the snapshot would block "
                        + "the application's writes; check that no process holds it in exclusive locking mode, then "
                        + "run again");
            }
        } catch (SQLException e) {
            throw source.unreachable("read the journal mode of", e);
        }
    }
}
