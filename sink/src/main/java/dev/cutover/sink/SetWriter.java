package dev.cutover.sink;

import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the set replacements ({@link RowSet}) a group of row changes carries, in the caller's transaction: per owned
 * table, one DELETE of the rows of every owner the group names (owners bound as arrays), then the sets' rows in one
 * COPY. The last set of an owner in the group wins, as the last change of a row does. Not thread-safe: one per
 * batch writer.
 *
 * <p>Two shortcuts keep a snapshot fast and stay right on a replay. When the owners' rows were just loaded with COPY,
 * none of them existed before, so a table only their collection feeds holds none of their rows and its DELETE is
 * skipped (a replay after a crash finds the owners present, its COPY fails, and the group is applied as upserts,
 * which delete). A table two collections feed (a junction both sides list) is never skipped, and its rows are
 * inserted one statement each, ignoring a pair the other side already inserted.
 */
final class SetWriter {
    private static final int OWNERS_PER_DELETE = 10_000;

    private final Map<String, TableStatements> tables;
    private final CopyRows copier;

    SetWriter(Map<String, TableStatements> tables, CopyRows copier) {
        this.tables = tables;
        this.copier = copier;
    }

    /** The sets of one owned table with one column layout, last per owner. */
    private record Target(String table, List<String> ownerColumns, List<String> columns) {
    }

    /**
     * @param ownersNew the owners' rows were just inserted by COPY, so no owned row of theirs can exist in a table only
     *                  their collection feeds
     * @return the owned rows deleted and written, for the caller to count once its savepoint holds
     */
    BatchResult replace(Connection connection, List<SinkRecord> records, boolean ownersNew) throws SQLException {
        BatchResult result = new BatchResult();
        Map<Target, Map<List<Object>, RowSet>> sets = lastSets(records);
        if (sets.isEmpty()) {
            return result;
        }
        RowOperation op = records.get(0).row().getOp();
        for (Map.Entry<Target, Map<List<Object>, RowSet>> entry : sets.entrySet()) {
            Target target = entry.getKey();
            TableStatements table = table(target.table());
            int deleted = !ownersNew || table.shared()
                    ? deleteOwned(connection, table, target, entry.getValue().keySet(), result) : 0;
            int written = insert(connection, table, target, entry.getValue().values());
            count(result, op, target.table(), written, deleted);
        }
        return result;
    }

    /**
     * A load counts the rows it added to the table, so the rows loaded add up to the rows there: the pairs of a junction
     * both sides list are inserted by the side loaded first, then deleted and inserted again by the other.
     */
    private static void count(BatchResult result, RowOperation op, String table, int written, int deleted) {
        if (op == RowOperation.LOAD) {
            result.loaded(table, Math.max(0, written - deleted));
        } else {
            result.upserted(table, written);
        }
    }

    private static Map<Target, Map<List<Object>, RowSet>> lastSets(List<SinkRecord> records) {
        Map<Target, Map<List<Object>, RowSet>> sets = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            for (RowSet set : record.row().getSets()) {
                sets.computeIfAbsent(new Target(set.getTable(), set.getOwnerColumns(), set.getColumns()),
                        t -> new LinkedHashMap<>()).put(set.getOwner(), set);
            }
        }
        return sets;
    }

    private TableStatements table(String name) {
        TableStatements table = tables.get(name);
        if (table == null) {
            throw new IllegalStateException("a set replacement names table " + name + ", which the plan does not have");
        }
        return table;
    }

    /** Deletes the owners' rows, counted in {@code result}; returns how many. */
    private static int deleteOwned(Connection connection, TableStatements table, Target target,
                                   Iterable<List<Object>> owners, BatchResult result) throws SQLException {
        List<List<Object>> chunk = new ArrayList<>();
        int deleted = 0;
        for (List<Object> owner : owners) {
            chunk.add(owner);
            if (chunk.size() == OWNERS_PER_DELETE) {
                deleted += deleteChunk(connection, table, target, chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            deleted += deleteChunk(connection, table, target, chunk);
        }
        result.deleted(target.table(), deleted);
        return deleted;
    }

    private static int deleteChunk(Connection connection, TableStatements table, Target target,
                                   List<List<Object>> owners) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.deleteOwned(target.ownerColumns()))) {
            for (int column = 0; column < target.ownerColumns().size(); column++) {
                List<Object> values = new ArrayList<>(owners.size());
                for (List<Object> owner : owners) {
                    values.add(owner.get(column));
                }
                statement.setString(column + 1, ArrayLiteral.of(values));
            }
            return statement.executeUpdate();
        }
    }

    /** Writes the sets' rows; returns how many were sent. */
    private int insert(Connection connection, TableStatements table, Target target, Iterable<RowSet> sets)
            throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (RowSet set : sets) {
            rows.addAll(set.getRows());
        }
        if (rows.isEmpty()) {
            return 0;
        }
        if (table.shared()) {
            insertIgnoring(connection, table, target, rows);
        } else {
            long copied = copier.copy(connection, table.copy(target.columns()), rows, values -> values);
            if (copied != rows.size()) {
                throw new IllegalStateException("COPY into " + table.qualifiedName() + " wrote " + copied
                        + " rows, expected " + rows.size());
            }
        }
        return rows.size();
    }

    /**
     * Inserts the pairs in the order of the table's key whichever side sends them, so two workers writing pairs of one
     * shared junction take its key's locks in the same order instead of deadlocking.
     */
    private static void insertIgnoring(Connection connection, TableStatements table, Target target,
                                       List<List<Object>> rows) throws SQLException {
        List<Integer> key = table.keyColumns().stream().map(target.columns()::indexOf).filter(i -> i >= 0).toList();
        List<List<Object>> ordered = new ArrayList<>(rows);
        ordered.sort((a, b) -> {
            for (int i : key) {
                int order = String.valueOf(a.get(i)).compareTo(String.valueOf(b.get(i)));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        });
        try (PreparedStatement statement = connection.prepareStatement(table.insertIgnoring(target.columns()))) {
            for (List<Object> values : ordered) {
                for (int i = 0; i < values.size(); i++) {
                    TableStatements.bind(statement, i + 1, values.get(i));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
