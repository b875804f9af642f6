package dev.cutover.validator;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.FloatNoise;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.NumericDates;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.SourceRow;
import dev.cutover.validator.CanonicalValue.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One planned table as the full comparison reads it: key columns first, then every planned column (written and
 * generated), each with its target type's {@link Kind}. Reads rows from either side and hashes them. Immutable.
 */
final class FullTable {
    /** Key kinds whose PostgreSQL order {@link FullKeyOrder} reproduces. */
    private static final Set<Kind> ORDERED = EnumSet.complementOf(EnumSet.of(Kind.JSON, Kind.OTHER));

    private final TablePlan plan;
    private final String[] keyTypes;
    private final Kind[] keyKinds;
    private final NumericDates[] keyDates;
    private final String[] columnTypes;
    private final Kind[] columnKinds;
    private final NumericDates[] columnDates;
    /** Per column, the scale REALs are rounded to from float noise (numeric(p,s) columns only). */
    private final OptionalInt[] columnScales;

    FullTable(TablePlan plan) {
        this.plan = plan;
        int keys = plan.key().sourceColumns().size();
        keyTypes = new String[keys];
        keyKinds = new Kind[keys];
        keyDates = new NumericDates[keys];
        for (int i = 0; i < keys; i++) {
            ColumnPlan column = keyColumn(i);
            keyTypes[i] = column == null ? (rowid() ? "bigint" : "text") : column.targetType();
            keyKinds[i] = Kind.of(keyTypes[i]);
            keyDates[i] = column == null ? null : column.numericDates();
        }
        List<ColumnPlan> columns = plan.columns();
        columnTypes = columns.stream().map(ColumnPlan::targetType).toArray(String[]::new);
        columnKinds = columns.stream().map(c -> Kind.of(c.targetType())).toArray(Kind[]::new);
        columnDates = columns.stream().map(ColumnPlan::numericDates).toArray(NumericDates[]::new);
        columnScales = columns.stream().map(c -> FloatNoise.scaleOf(c.targetType())).toArray(OptionalInt[]::new);
    }

    TablePlan plan() {
        return plan;
    }

    String name() {
        return plan.source();
    }

    boolean rowid() {
        return plan.key().kind() == KeyPlan.KeyKind.ROWID;
    }

    int keyCount() {
        return keyKinds.length;
    }

    Kind keyKind(int i) {
        return keyKinds[i];
    }

    /** The base type each key column's range bounds are cast to in PostgreSQL (only for {@link #ordered()} keys). */
    List<String> keyCasts() {
        return Arrays.stream(keyKinds).map(FullTable::castType).toList();
    }

    /** True when every key column is of a kind whose PostgreSQL order {@link FullKeyOrder} knows. */
    boolean ordered() {
        for (Kind kind : keyKinds) {
            if (!ORDERED.contains(kind)) {
                return false;
            }
        }
        return true;
    }

    /** A source row as the read-back gave it, its values in the validator's form ({@link SourceValues#plain}). */
    FullRow sourceRow(SourceRow row) {
        Object[] key = SourceValues.plain(row.key());
        Object[] normal = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            normal[i] = CanonicalValue.source(key[i], keyKinds[i], keyDates[i]);
        }
        return new FullRow(FullKey.of(key, normal, plan.key().sourceColumns()), SourceValues.plain(row.values()));
    }

    /** A target row: key values, then column values, as {@link TargetValues#read} returns them. */
    FullRow targetRow(ResultSet rs) throws SQLException {
        Object[] key = new Object[keyCount()];
        Object[] normal = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = TargetValues.read(rs, i + 1, keyTypes[i]);
            normal[i] = CanonicalValue.target(key[i], keyKinds[i]);
        }
        Object[] values = new Object[columnKinds.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = TargetValues.read(rs, key.length + i + 1, columnTypes[i]);
        }
        return new FullRow(FullKey.of(key, normal, plan.key().sourceColumns()), values);
    }

    long sourceHash(FullRow row, RowHasher hasher) {
        hasher.add(row.key().canonical());
        for (int i = 0; i < columnKinds.length; i++) {
            hasher.add(CanonicalValue.text(CanonicalValue.source(row.values()[i], columnKinds[i], columnDates[i],
                    columnScales[i])));
        }
        return hasher.finish();
    }

    long targetHash(FullRow row, RowHasher hasher) {
        hasher.add(row.key().canonical());
        for (int i = 0; i < columnKinds.length; i++) {
            hasher.add(CanonicalValue.text(CanonicalValue.target(row.values()[i], columnKinds[i])));
        }
        return hasher.finish();
    }

    /** The key as the report names it ({@link RowKey} JSON by source column). */
    String keyJson(Object[] keyValues) {
        return RowKey.json(plan.key().sourceColumns(), keyValues);
    }

    /** The planned column that holds key column {@code i}; null for the rowid. */
    private ColumnPlan keyColumn(int i) {
        if (rowid()) {
            return null;
        }
        String target = plan.key().targetColumns().get(i);
        return plan.columns().stream().filter(c -> c.target().equals(target)).findFirst().orElse(null);
    }

    private static String castType(Kind kind) {
        return switch (kind) {
            case INTEGER -> "bigint";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case NUMERIC -> "numeric";
            case BOOLEAN -> "boolean";
            case BYTEA -> "bytea";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case TIME -> "time";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case TEXT, OTHER -> "text";
        };
    }
}
