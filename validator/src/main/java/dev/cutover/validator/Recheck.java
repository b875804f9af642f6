package dev.cutover.validator;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Pending keys plus a second look: a row that differs and has no change known to be on its way is read again on both
 * sides (while the pipeline runs, a few times, a moment apart), because the comparison read source and target at
 * different instants. A row that then matches was changed during the validation and counts as pending; one that still
 * differs is a real difference. Rechecks are capped so that a table that differs everywhere does not take forever.
 */
final class Recheck implements PendingKeys, AutoCloseable {
    private static final int MAX_RECHECKS = 500;
    private static final long PAUSE_MS = 500;

    private final Plan plan;
    private final PendingKeys inFlight;
    private final Source source;
    private final ConnectionFactory target;
    private final int attempts;
    private ReadBack sourceRows;
    private Connection postgres;
    private int rechecks;

    Recheck(Plan plan, PendingKeys inFlight, Source source, ConnectionFactory target, boolean live) {
        this.plan = plan;
        this.inFlight = inFlight;
        this.source = source;
        this.target = target;
        this.attempts = live ? 4 : 1;
    }

    @Override
    public synchronized boolean contains(String table, String key) {
        if (inFlight.contains(table, key)) {
            return true;
        }
        if (rechecks >= MAX_RECHECKS) {
            return false;
        }
        rechecks++;
        try {
            TablePlan tablePlan = plan.table(table).orElseThrow();
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1) {
                    Thread.sleep(PAUSE_MS);
                }
                if (attempts > 1 && rowsEqual(tablePlan, key)) {
                    return true;
                }
            }
            return false;
        } catch (SQLException | CutoverException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long count(String table) {
        return inFlight.count(table);
    }

    private boolean rowsEqual(TablePlan table, String keyJson) throws SQLException {
        TableSql sql = new TableSql(plan.targetSchema(), table);
        Object[] key = RowKey.values(keyJson, table.key().sourceColumns());
        List<SourceRow> found = sourceRows().read(table, List.of(SourceValues.key(key)));
        Object[] sourceRow = found.isEmpty() ? null : SourceValues.plain(found.get(0).values());
        Object[] targetRow = read(postgres(), sql.targetSelect() + " WHERE " + sql.targetKeyIn(1), key, sql);
        if (sourceRow == null || targetRow == null) {
            return sourceRow == null && targetRow == null;
        }
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnPlan column = table.columns().get(i);
            if (!ValueEquality.equal(sourceRow[i], targetRow[i], column.targetType(), column.numericDates())) {
                return false;
            }
        }
        return true;
    }

    private static Object[] read(Connection connection, String query, Object[] key, TableSql sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            TableSql.bind(statement, 1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? sql.targetValues(rs) : null;
            }
        }
    }

    private ReadBack sourceRows() {
        if (sourceRows == null) {
            sourceRows = source.readBack(false);
        }
        return sourceRows;
    }

    private Connection postgres() throws SQLException {
        if (postgres == null) {
            postgres = target.open();
        }
        return postgres;
    }

    @Override
    public synchronized void close() {
        if (sourceRows != null) {
            sourceRows.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (SQLException ignored) {
                // closing after use; nothing left to protect
            }
        }
    }
}
