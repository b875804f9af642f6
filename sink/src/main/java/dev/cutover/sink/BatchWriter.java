package dev.cutover.sink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one batch of row changes inside the caller's transaction. Changes to the same row are reduced to the last
 * one (each carries the row's full state, and the set replacements of the rows it owns); then deletes, COPY loads and
 * upserts run per table, each group's set replacements with it ({@link SetWriter}: owned rows are deleted before
 * their owners are, and written after them). A group that fails is rolled back to its savepoint and replayed: a COPY
 * that hit rows already present (a replay after a crash) becomes an upsert, and anything else is replayed row by row,
 * each row with its sets, so that only the rows PostgreSQL refuses become dead letters, and a refused row's sets are
 * not applied. A failure worth retrying (a lost connection, a deadlock) is not a refusal: it fails the batch, which
 * the caller retries whole.
 */
final class BatchWriter {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Map<String, TableStatements> tables;
    private final CopyRows copier = new CopyRows();
    private final SetWriter sets;

    BatchWriter(Map<String, TableStatements> tables) {
        this.tables = tables;
        this.sets = new SetWriter(tables, copier);
    }

    BatchResult apply(Connection connection, List<SinkRecord> records) throws SQLException {
        BatchResult result = new BatchResult();
        Map<GroupKey, List<SinkRecord>> groups = group(reduce(records));
        for (Map.Entry<GroupKey, List<SinkRecord>> group : groups.entrySet()) {
            GroupKey key = group.getKey();
            TableStatements table = table(key.table());
            switch (key.op()) {
                case DELETE -> deleteGroup(connection, table, group.getValue(), result);
                case LOAD -> loadGroup(connection, table, key.columns(), group.getValue(), result);
                case UPSERT -> upsertGroup(connection, table, key.columns(), group.getValue(), result);
            }
        }
        return result;
    }

    private TableStatements table(String name) {
        TableStatements table = tables.get(name);
        if (table == null) {
            throw new IllegalStateException("row topic names table " + name + ", which the plan does not have");
        }
        return table;
    }

    /**
     * Last change per row wins; each change carries the row's full state. Kept in the order of each row's last
     * change; a batch without repeated rows is returned as it is. So is a batch of loads only (the snapshot's), without
     * looking for repeats: a row loaded twice (read again after a restart) makes its COPY fail on the primary key, and
     * the group is then replayed as upserts in order, so the last copy wins all the same.
     */
    private static List<SinkRecord> reduce(List<SinkRecord> records) {
        if (loadsOnly(records)) {
            return records;
        }
        Map<RowIdentity, Integer> last = new HashMap<>(records.size() * 2);
        RowIdentity[] keys = new RowIdentity[records.size()];
        boolean repeated = false;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new RowIdentity(records.get(i).identity());
            repeated |= last.put(keys[i], i) != null;
        }
        if (!repeated) {
            return records;
        }
        List<SinkRecord> reduced = new ArrayList<>(last.size());
        for (int i = 0; i < keys.length; i++) {
            if (last.get(keys[i]) == i) {
                reduced.add(records.get(i));
            }
        }
        return reduced;
    }

    private static boolean loadsOnly(List<SinkRecord> records) {
        for (SinkRecord record : records) {
            if (record.row().getOp() != RowOperation.LOAD) {
                return false;
            }
        }
        return true;
    }

    /** A row's Kafka key as a map key: the bytes, hashed once (a ByteBuffer hashes byte by byte on every lookup). */
    private static final class RowIdentity {
        private final byte[] bytes;
        private final int hash;

        RowIdentity(ByteBuffer key) {
            this.bytes = wholeArray(key) ? key.array() : copy(key);
            this.hash = Arrays.hashCode(bytes);
        }

        /** True when the key is a whole array (as decoded keys are), which can then be used without a copy. */
        private static boolean wholeArray(ByteBuffer key) {
            return key.hasArray() && key.arrayOffset() == 0 && key.position() == 0
                    && key.remaining() == key.array().length;
        }

        private static byte[] copy(ByteBuffer key) {
            byte[] copy = new byte[key.remaining()];
            key.duplicate().get(copy);
            return copy;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RowIdentity that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Groups by operation, table and column list; deletes come first so a key freed in this batch can be reused.
     * Consecutive rows of one batch record share their table and column list, so they join the group found for the
     * first without hashing the column list again.
     */
    private static Map<GroupKey, List<SinkRecord>> group(List<SinkRecord> records) {
        Map<GroupKey, List<SinkRecord>> deletes = new LinkedHashMap<>();
        Map<GroupKey, List<SinkRecord>> writes = new LinkedHashMap<>();
        RowChange previous = null;
        List<SinkRecord> previousGroup = null;
        for (SinkRecord record : records) {
            RowChange row = record.row();
            if (previous != null && row.getOp() == previous.getOp() && row.getTable() == previous.getTable()
                    && row.getColumns() == previous.getColumns()) {
                previousGroup.add(record);
                continue;
            }
            GroupKey key = new GroupKey(row.getOp(), row.getTable(),
                    row.getOp() == RowOperation.DELETE ? List.of() : row.getColumns());
            previousGroup = (row.getOp() == RowOperation.DELETE ? deletes : writes)
                    .computeIfAbsent(key, k -> new ArrayList<>());
            previousGroup.add(record);
            previous = row;
        }
        deletes.putAll(writes);
        return deletes;
    }

    private record GroupKey(RowOperation op, String table, List<String> columns) {
    }

    private void loadGroup(Connection connection, TableStatements table, List<String> columns,
                           List<SinkRecord> rows, BatchResult result) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            long copied = copier.copy(connection, table.copy(columns), rows, record -> record.row().getValues());
            if (copied != rows.size()) {
                throw new IllegalStateException("COPY into " + table.qualifiedName() + " wrote " + copied + " rows, expected "
                        + rows.size());
            }
            BatchResult owned = sets.replace(connection, rows, true);
            connection.releaseSavepoint(savepoint);
            result.loaded(rows.get(0).row().getTable(), rows.size());
            result.written(owned);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                upsertGroup(connection, table, columns, rows, result);
            } else {
                replayRows(connection, table, columns, rows, result);
            }
        }
    }

    private void upsertGroup(Connection connection, TableStatements table, List<String> columns,
                             List<SinkRecord> rows, BatchResult result) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(table.upsert(columns))) {
            for (SinkRecord record : rows) {
                bindAll(statement, record.row().getValues());
                statement.addBatch();
            }
            statement.executeBatch();
            BatchResult owned = sets.replace(connection, rows, false);
            connection.releaseSavepoint(savepoint);
            result.upserted(rows.get(0).row().getTable(), rows.size());
            result.written(owned);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            replayRows(connection, table, columns, rows, result);
        }
    }

    private void deleteGroup(Connection connection, TableStatements table, List<SinkRecord> rows, BatchResult result)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(table.delete())) {
            BatchResult owned = sets.replace(connection, rows, false);
            for (SinkRecord record : rows) {
                bindAll(statement, record.row().getKey());
                statement.addBatch();
            }
            statement.executeBatch();
            connection.releaseSavepoint(savepoint);
            result.written(owned);
            result.deleted(rows.get(0).row().getTable(), rows.size());
        } catch (SQLException e) {
            connection.rollback(savepoint);
            replayRows(connection, table, List.of(), rows, result);
        }
    }

    /**
     * One row at a time, each with its sets behind its own savepoint: only the rows PostgreSQL refuses are set aside,
     * and a refused row's sets with it.
     */
    private void replayRows(Connection connection, TableStatements table, List<String> columns,
                            List<SinkRecord> rows, BatchResult result) throws SQLException {
        for (SinkRecord record : rows) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                BatchResult written = applyOne(connection, table, columns, record);
                connection.releaseSavepoint(savepoint);
                result.written(written);
            } catch (SQLException e) {
                if (SinkErrors.retriable(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                result.rejected(deadLetter(record, e), FOREIGN_KEY_VIOLATION.equals(e.getSQLState()));
            }
        }
    }

    /** Writes one row change and its sets: owned rows go before their deleted owner, after their written one. */
    private BatchResult applyOne(Connection connection, TableStatements table, List<String> columns,
                                 SinkRecord record) throws SQLException {
        RowChange row = record.row();
        boolean delete = row.getOp() == RowOperation.DELETE;
        BatchResult written = delete ? sets.replace(connection, List.of(record), false) : new BatchResult();
        String sql = delete ? table.delete() : table.upsert(columns);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindAll(statement, delete ? row.getKey() : row.getValues());
            statement.executeUpdate();
        }
        if (delete) {
            written.deleted(row.getTable(), 1);
            return written;
        }
        written.written(sets.replace(connection, List.of(record), false));
        if (row.getOp() == RowOperation.LOAD) {
            written.loaded(row.getTable(), 1);
        } else {
            written.upserted(row.getTable(), 1);
        }
        return written;
    }

    private static void bindAll(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            TableStatements.bind(statement, i + 1, values.get(i));
        }
    }

    private static DeadLetter deadLetter(SinkRecord record, SQLException e) {
        RowChange row = record.row();
        return DeadLetter.newBuilder()
                .setId(record.id())
                .setStage("sink")
                .setSource(row.getSource())
                .setTable(row.getSourceTable())
                .setKey(row.getSourceKey())
                .setRow(row.getColumns().isEmpty() ? null : rowJson(row))
                .setColumn(e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                        ? p.getServerErrorMessage().getColumn() : null)
                .setReason("PostgreSQL refused the row in " + row.getTable() + ": " + firstLine(e)
                        + " (SQLSTATE " + e.getSQLState() + ")")
                .setTimeMs(System.currentTimeMillis())
                .build();
    }

    private static String rowJson(RowChange row) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < row.getColumns().size(); i++) {
            Object value = row.getValues().get(i);
            if (value == null) {
                json.putNull(row.getColumns().get(i));
            } else if (value instanceof ByteBuffer bytes) {
                byte[] array = new byte[bytes.remaining()];
                bytes.duplicate().get(array);
                json.putObject(row.getColumns().get(i)).put("$base64", Base64.getEncoder().encodeToString(array));
            } else {
                json.put(row.getColumns().get(i), value.toString());
            }
        }
        return json.toString();
    }

    private static String firstLine(SQLException e) {
        String text = String.valueOf(e.getMessage());
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
