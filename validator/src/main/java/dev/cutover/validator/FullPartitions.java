package dev.cutover.validator;

import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The full comparison for a table whose keys the two sides do not stream in one order (SQLite's dynamic typing, key
 * types PostgreSQL orders its own way): rows are split into partitions by a hash of their canonical key, and each
 * partition is compared by scanning both tables once, holding only that partition's source rows. Slower than
 * {@link FullStream} (one scan per partition) but exact, in bounded memory: {@code chunkRows} source rows per
 * partition, unless that would take more than {@link #MAX_PARTITIONS} scans.
 */
final class FullPartitions {
    static final int MAX_PARTITIONS = 100;

    private final FullTable table;
    private final FullSql sql;
    private final FullRowDiff diff;
    private final RowHasher hasher = new RowHasher();

    /**
     * @param compared        source rows compared
     * @param partitions      partitions compared (reported as chunks)
     * @param differing       partitions with a row not equal
     */
    record Result(long compared, long partitions, long differing) {
    }

    FullPartitions(FullTable table, FullSql sql, FullRowDiff diff) {
        this.table = table;
        this.sql = sql;
        this.diff = diff;
    }

    /** @param postgres out of autocommit mode, so that the target is streamed */
    Result compare(ReadBack sourceRows, Connection postgres, int chunkRows) throws SQLException {
        long rows = sourceRows.count(table.plan());
        int partitions = (int) Math.max(1, Math.min(MAX_PARTITIONS, (rows + chunkRows - 1) / chunkRows));
        long compared = 0;
        long differing = 0;
        for (int partition = 0; partition < partitions; partition++) {
            long before = diff.findings();
            Map<String, FullRow> source = new LinkedHashMap<>();
            compared += readSource(sourceRows, partition, partitions, source);
            compareTarget(postgres, partition, partitions, source);
            source.values().forEach(diff::missing);
            differing += diff.findings() > before ? 1 : 0;
        }
        return new Result(compared, partitions, differing);
    }

    /** Reads the partition's source rows into {@code rows}; rows with a NULL key are missing (first pass only). */
    private long readSource(ReadBack sourceRows, int partition, int partitions, Map<String, FullRow> rows) {
        long read = 0;
        try (ReadBack.Cursor cursor = sourceRows.stream(table.plan(), KeyRange.ALL)) {
            while (cursor.hasNext()) {
                FullRow row = table.sourceRow(cursor.next());
                if (row.key().hasNull()) {
                    read += partition == 0 ? 1 : 0;
                    if (partition == 0) {
                        diff.missing(row);
                    }
                } else if (partition(row.key(), partitions) == partition) {
                    read++;
                    FullRow same = rows.put(row.key().canonical(), row);
                    if (same != null) {
                        diff.missing(same);
                    }
                }
            }
        }
        return read;
    }

    private void compareTarget(Connection postgres, int partition, int partitions, Map<String, FullRow> source)
            throws SQLException {
        try (Statement statement = postgres.createStatement()) {
            statement.setFetchSize(FullTargetReader.FETCH_ROWS);
            try (ResultSet rs = statement.executeQuery(sql.targetAll())) {
                while (rs.next()) {
                    FullRow target = table.targetRow(rs);
                    if (partition(target.key(), partitions) != partition) {
                        continue;
                    }
                    FullRow expected = source.remove(target.key().canonical());
                    if (expected == null) {
                        diff.extra(target);
                    } else {
                        diff.both(expected, target);
                    }
                }
            }
        }
    }

    private int partition(FullKey key, int partitions) {
        return (int) Math.floorMod(hasher.add(key.canonical()).finish(), (long) partitions);
    }
}
