package dev.cutover.capture.sqlite;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a SQLite source back on one read-only connection, rows in the raw events' form ({@link SqliteValueReader},
 * read as capture reads them). Key order and ranges: {@link ReadBackSql}. A consistent read-back reads in one read
 * transaction (WAL mode lets writers go on meanwhile), from its first read until it is closed.
 *
 * <p>A consistent read-back is a copy's ({@code export}'s): it refuses a table that has a column its plan does not, so
 * that a copy made with an older plan never leaves that column out unnoticed.
 *
 * <p>Used by one thread at a time; a {@link Cursor} may be closed from another thread while its reader waits for the
 * next row, which interrupts SQLite's work on it (the reader's next call then fails).
 */
final class SqliteReadBack implements ReadBack {
    private static final int LOOKUP_BATCH = 500;

    private final SqliteSource source;
    private final boolean consistent;
    private final Connection connection;
    private final Set<String> checkedTables = new HashSet<>();
    private Boolean utf8;

    SqliteReadBack(SqliteSource source, boolean consistent) {
        this.source = source;
        this.consistent = consistent;
        this.connection = source.open(true);
        try {
            connection.setAutoCommit(!consistent);
        } catch (SQLException e) {
            close();
            throw source.unreachable("begin a read transaction on", e);
        }
    }

    @Override
    public long count(TablePlan table) {
        try (PreparedStatement statement = connection.prepareStatement(new ReadBackSql(table).count());
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    @Override
    public List<SourceRow> sample(TablePlan table, int n) {
        ReadBackSql sql = new ReadBackSql(table);
        try (PreparedStatement statement = connection.prepareStatement(sql.sample())) {
            statement.setInt(1, n);
            return rows(statement, sql);
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    @Override
    public List<SourceRow> read(TablePlan table, List<List<Object>> keys) {
        ReadBackSql sql = new ReadBackSql(table);
        List<SourceRow> rows = new ArrayList<>();
        try {
            for (int from = 0; from < keys.size(); from += LOOKUP_BATCH) {
                List<List<Object>> batch = keys.subList(from, Math.min(keys.size(), from + LOOKUP_BATCH));
                try (PreparedStatement statement = connection.prepareStatement(sql.withKeys(batch.size()))) {
                    int index = 1;
                    for (List<Object> key : batch) {
                        for (Object value : key) {
                            ReadBackSql.bind(statement, index++, value);
                        }
                    }
                    rows.addAll(rows(statement, sql));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    @Override
    public Cursor stream(TablePlan table, KeyRange range) {
        if (consistent) {
            requirePlanned(table);
        }
        ReadBackSql sql = new ReadBackSql(table);
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(sql.range(range));
            List<Object> parameters = sql.rangeParameters(range);
            for (int i = 0; i < parameters.size(); i++) {
                ReadBackSql.bind(statement, i + 1, parameters.get(i));
            }
            return new RowCursor(table, sql, statement);
        } catch (SQLException e) {
            closeQuietly(statement);
            throw failure(table, e);
        }
    }

    private List<SourceRow> rows(PreparedStatement statement, ReadBackSql sql) throws SQLException {
        List<SourceRow> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs, sql));
            }
        }
        return rows;
    }

    /** The current row: one call into the driver for every value, split into key and values. */
    private SourceRow row(ResultSet rs, ReadBackSql sql) throws SQLException {
        if (utf8 == null) {
            utf8 = SqliteValueReader.storesUtf8(connection);
        }
        List<Object> values = new ArrayList<>(sql.width());
        SqliteValueReader.readRow(rs, utf8, 0, 1, sql.width(), values);
        return new SourceRow(values.subList(0, sql.keyCount()), values.subList(sql.keyCount(), sql.width()));
    }

    /** Refuses a table the source no longer has, or one with a column the plan lacks (checked once per table). */
    private void requirePlanned(TablePlan table) {
        if (!checkedTables.add(table.source())) {
            return;
        }
        try {
            SqliteTableSchema schema = SqliteTableSchema.read(connection, table.source()).orElseThrow(() ->
                    CutoverException.config("table " + table.source() + " is in the plan but not in source "
                            + source.path() + "; plan the source again"));
            Set<String> planned = table.columns().stream().map(c -> c.source().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            List<String> unplanned = schema.columns().stream()
                    .filter(c -> !planned.contains(c.toLowerCase(Locale.ROOT))).toList();
            if (!unplanned.isEmpty()) {
                throw CutoverException.config("table " + table.source() + " of source " + source.path() + " has "
                        + (unplanned.size() == 1 ? "column " : "columns ") + String.join(", ", unplanned)
                        + ", which the plan does not (added after planning?); plan the source again");
            }
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    private CutoverException failure(TablePlan table, SQLException e) {
        return source.unreachable("read table " + table.source() + " of", e);
    }

    @Override
    public void close() {
        try {
            if (consistent && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // nothing was written; closing ends the read transaction either way
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // read-only: nothing to flush
        }
    }

    /**
     * Rows of one range in key order, read one step ahead of {@link #next}. The query runs at the first
     * {@link #hasNext}, so that a reader that has handed its cursor on can be stopped during that first step too (in
     * which SQLite sorts, when the key order is not an index's).
     */
    private final class RowCursor implements Cursor {
        private final TablePlan table;
        private final ReadBackSql sql;
        private final PreparedStatement statement;
        private final Thread reader = Thread.currentThread();
        private ResultSet rows;
        private boolean ahead;
        private boolean exhausted;

        RowCursor(TablePlan table, ReadBackSql sql, PreparedStatement statement) {
            this.table = table;
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public boolean hasNext() {
            if (!ahead && !exhausted) {
                try {
                    if (rows == null) {
                        rows = statement.executeQuery();
                    }
                    ahead = rows.next();
                    exhausted = !ahead;
                } catch (SQLException e) {
                    throw failure(table, e);
                }
            }
            return ahead;
        }

        @Override
        public SourceRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more rows of " + table.source());
            }
            ahead = false;
            try {
                return row(rows, sql);
            } catch (SQLException e) {
                throw failure(table, e);
            }
        }

        /** From another thread: interrupts the read in progress first, so that the close need not wait for it. */
        @Override
        public void close() {
            if (Thread.currentThread() != reader) {
                try {
                    statement.cancel();
                } catch (SQLException ignored) {
                    // the statement has ended already
                }
            }
            closeQuietly(statement);
        }
    }
}
