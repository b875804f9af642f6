package dev.cutover.validator;

import dev.cutover.schemas.source.ReadBack;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compares one differing key range row by row: the source's rows of the range are held by canonical key (about one
 * chunk), the target's rows of the range are streamed against them. Target rows without a source row are extra,
 * source rows left over are missing.
 */
final class FullChunkDiff {
    private final FullTable table;
    private final FullSql sql;
    private final FullRowDiff diff;

    FullChunkDiff(FullTable table, FullSql sql, FullRowDiff diff) {
        this.table = table;
        this.sql = sql;
        this.diff = diff;
    }

    /** @param postgres out of autocommit mode, so that a range with many extra rows is streamed too */
    void compare(FullRange range, ReadBack sourceRows, Connection postgres) throws SQLException {
        Map<String, FullRow> source = readSource(range, sourceRows);
        try (PreparedStatement statement = postgres.prepareStatement(sql.targetRange(range))) {
            statement.setFetchSize(FullTargetReader.FETCH_ROWS);
            sql.bindTarget(statement, range);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    FullRow target = table.targetRow(rs);
                    FullRow expected = source.remove(target.key().canonical());
                    if (expected == null) {
                        diff.extra(target);
                    } else {
                        diff.both(expected, target);
                    }
                }
            }
        }
        source.values().forEach(diff::missing);
    }

    /** The range's source rows by canonical key; keys with a NULL column are the comparator's to count, not here. */
    private Map<String, FullRow> readSource(FullRange range, ReadBack sourceRows) {
        Map<String, FullRow> rows = new LinkedHashMap<>();
        try (ReadBack.Cursor cursor = sourceRows.stream(table.plan(), range.sourceKeys())) {
            while (cursor.hasNext()) {
                FullRow row = table.sourceRow(cursor.next());
                if (row.key().hasNull()) {
                    continue;
                }
                FullRow same = rows.put(row.key().canonical(), row);
                if (same != null) {
                    diff.missing(same);
                }
            }
        }
        return rows;
    }
}
