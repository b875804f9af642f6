package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes capture out of a source: every {@code _cutover_} trigger and table in one transaction (triggers first, so no
 * application write ever meets a trigger without its log), then the journal mode the file had before Cutover.
 */
final class ChangeLogRemover {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogRemover.class);
    private static final String ACTION = "remove change capture from";
    private static final int JOURNAL_SWITCH_TIMEOUT_MS = 2000;

    private ChangeLogRemover() {
    }

    static RemovalReport remove(SqliteSource source) {
        SourceWrites.requireWritable(source, ACTION);
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            List<String> triggers = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            Optional<String> original = SourceWrites.immediate(statement, () -> {
                triggers.addAll(names(statement, "trigger"));
                tables.addAll(names(statement, "table"));
                Optional<String> mode = tables.contains(ChangeLogState.TABLE)
                        ? ChangeLogState.get(connection, ChangeLogState.JOURNAL_MODE) : Optional.empty();
                for (String trigger : triggers) {
                    statement.execute("DROP TRIGGER " + quote(trigger));
                }
                for (String table : tables) {
                    statement.execute("DROP TABLE " + quote(table));
                }
                return mode;
            });
            String mode = restoreJournalMode(statement, original.orElse(null));
            List<String> warnings = new ArrayList<>();
            if (original.isPresent() && !original.get().equalsIgnoreCase(mode)) {
                warnings.add("journal mode is still " + mode + " (it was " + original.get() + " before Cutover): "
                        + "another process has the file open, and leaving WAL mode needs it alone; when the "
                        + "application is stopped, run: sqlite3 " + source.path() + " 'PRAGMA journal_mode="
                        + original.get() + "'");
            }
            RemovalReport report = new RemovalReport(triggers, tables, original.orElse(null), mode, warnings);
            LOG.info("capture: {} ({})", report.summary(), source.path());
            return report;
        } catch (SQLException e) {
            throw SourceWrites.failure(source, ACTION, e);
        }
    }

    private static List<String> names(Statement statement, String type) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = '" + type + "' AND "
                + ChangeLogInstaller.OURS + " ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Only WAL is a property of the file; any other recorded mode means "not WAL", which is what is restored. */
    private static String restoreJournalMode(Statement statement, String original) throws SQLException {
        String mode = ChangeLogState.journalMode(statement);
        if (original == null || original.equalsIgnoreCase(mode)) {
            return mode;
        }
        statement.execute("PRAGMA busy_timeout = " + JOURNAL_SWITCH_TIMEOUT_MS);
        try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode = " + legacyMode(original))) {
            rs.next();
        } catch (SQLException e) {
            LOG.debug("capture: leaving WAL mode failed: {}", e.getMessage());
        }
        return ChangeLogState.journalMode(statement);
    }

    private static String legacyMode(String mode) {
        String lower = mode.toLowerCase(Locale.ROOT);
        return List.of("delete", "truncate", "persist", "wal").contains(lower) ? lower : "delete";
    }
}
