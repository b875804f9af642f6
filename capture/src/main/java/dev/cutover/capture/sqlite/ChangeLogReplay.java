package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ChangeCapture;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends change-log entries for given keys of one table, as the capture triggers do when the application writes those
 * rows: streaming then reads each key's current row (or finds it gone) and sends it through the pipeline in seq order
 * with the application's own changes. The keys come as the error log names them ({@link KeyCodec#values}); all
 * entries go in one write transaction.
 */
final class ChangeLogReplay {
    private static final String ACTION = "append to the change log of";

    private final SqliteSource source;
    private final TablePlan table;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private ChangeLogReplay(SqliteSource source, TablePlan table) {
        this.source = source;
        this.table = table;
    }

    static ChangeCapture.Resent enqueue(SqliteSource source, TablePlan table, List<String> keys) {
        SourceWrites.requireWritable(source, ACTION);
        List<List<Object>> values = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String key : keys) {
            KeyCodec.values(key, table.key().sourceColumns()).ifPresentOrElse(values::add, () -> unreadable.add(key));
        }
        return new ChangeCapture.Resent(new ChangeLogReplay(source, table).append(values), unreadable);
    }

    private long append(List<List<Object>> keys) {
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            if (!SqliteChangeLog.installed(connection)) {
                throw CutoverException.config("source " + source.path() + " has no change log to append to; capture "
                        + "must be installed (`cutover run` installs it)");
            }
            return SourceWrites.immediate(statement, () -> {
                for (List<Object> key : keys) {
                    insert(connection, key);
                }
                closeStatements();
                return SqliteChangeLog.maxSequence(connection);
            });
        } catch (SQLException e) {
            throw SourceWrites.failure(source, ACTION, e);
        }
    }

    private void insert(Connection connection, List<Object> key) throws SQLException {
        StringBuilder columns = new StringBuilder("tbl, ts");
        StringBuilder values = new StringBuilder("?, " + CaptureTriggers.NOW_MS);
        for (int i = 0; i < key.size(); i++) {
            columns.append(", k").append(i + 1);
            // TEXT whose bytes are not UTF-8 is bound as bytes and made TEXT again, so it matches the row's own value.
            values.append(key.get(i) instanceof InvalidText ? ", CAST(? AS TEXT)" : ", ?");
        }
        String sql = "INSERT INTO " + quote(CaptureTriggers.LOG_TABLE) + "(" + columns + ") VALUES (" + values + ")";
        PreparedStatement insert = statements.get(sql);
        if (insert == null) {
            insert = connection.prepareStatement(sql);
            statements.put(sql, insert);
        }
        insert.setString(1, table.source());
        for (int i = 0; i < key.size(); i++) {
            insert.setObject(i + 2, parameter(key.get(i)));
        }
        insert.executeUpdate();
    }

    private static Object parameter(Object value) {
        return value instanceof InvalidText text ? bytes(text.getBytes()) : value;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private void closeStatements() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
    }
}
