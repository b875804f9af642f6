package dev.cutover.transform;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.convert.ColumnConverter;
import dev.cutover.transform.convert.ConversionException;
import dev.cutover.transform.convert.Converters;
import dev.cutover.transform.convert.RoundedReal;
import dev.cutover.transform.convert.ValueText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies one table's plan to its change events: renames columns, converts every value to the target type, drops
 * generated columns (PostgreSQL computes them) and derives the target key. Immutable and thread-safe once built, apart
 * from a cache of column layouts that any thread may refresh.
 *
 * <p>The rows of one snapshot batch share their column lists (the same list objects), so the work that depends only on
 * the column names is done once per list: which converter each column takes, the target column list (the same object
 * for every row, which lets a row batch see at a glance that rows share their columns), and the source key's JSON
 * prefixes.
 */
final class TableTransformer implements RowTransformer.EventTransformer {
    /** Distinct column lists remembered; a source whose columns keep changing just rebuilds its layouts. */
    private static final int MAX_LAYOUTS = 64;

    private final TablePlan table;
    private final Map<String, Slot> slots = new HashMap<>();
    private final ColumnConverter[] keyConverters;
    private final boolean rowidKey;
    private final Map<Columns, Layout> layouts = new ConcurrentHashMap<>();
    private volatile Layout lastLayout;

    /** A source column's fate: its target name and converter, or null converter when PostgreSQL generates it. */
    private record Slot(String target, ColumnConverter converter) {
    }

    /** The column lists an event names, compared by content (map key) and by identity ({@link Layout#of}). */
    private record Columns(List<String> keyColumns, List<String> columns) {
    }

    /**
     * What one pair of column lists turns into.
     *
     * @param converters    per source column, its converter, or null when PostgreSQL generates the column
     * @param targetColumns the written target columns, the rowid column last for a rowid-keyed table
     * @param unknownColumn the first source column the plan does not have (its rows are rejected), or null
     * @param keyPrefixes   the source key's JSON text before each key value
     */
    private record Layout(Columns columns, ColumnConverter[] converters, List<String> targetColumns,
                          String unknownColumn, String[] keyPrefixes) {
        boolean of(ChangeEvent event) {
            return columns.columns() == event.getColumns() && columns.keyColumns() == event.getKeyColumns();
        }
    }

    TableTransformer(TablePlan table) {
        this.table = table;
        for (ColumnPlan column : table.columns()) {
            slots.put(column.source(), new Slot(column.target(), column.written() ? Converters.forColumn(column) : null));
        }
        this.rowidKey = table.key().kind() == KeyPlan.KeyKind.ROWID;
        List<String> keyColumns = table.key().sourceColumns();
        this.keyConverters = new ColumnConverter[keyColumns.size()];
        for (int i = 0; i < keyConverters.length; i++) {
            keyConverters[i] = rowidKey ? TableTransformer::rowidText : converterOf(keyColumns.get(i));
        }
    }

    private ColumnConverter converterOf(String sourceColumn) {
        return table.column(sourceColumn).map(Converters::forColumn).orElseThrow(() -> new IllegalStateException(
                "key column " + sourceColumn + " of " + table.source() + " is not among the plan's columns"));
    }

    private static Object rowidText(Object raw) {
        return raw.toString();
    }

    TablePlan table() {
        return table;
    }

    /** The event as a row change, or a rejection naming the column and reason. */
    @Override
    public TransformResult transform(ChangeEvent event) {
        try {
            Layout layout = layout(event);
            List<Object> key = convertKey(event.getKey());
            if (event.getOp() == Operation.DELETE) {
                return TransformResult.row(rowChange(event, layout, RowOperation.DELETE, key, List.of(), List.of()));
            }
            if (layout.unknownColumn() != null) {
                String name = layout.unknownColumn();
                return TransformResult.rejected(name, "column " + name + " is not in the plan (added to the source after "
                        + "planning?); run `cutover plan` again, then `cutover run`");
            }
            List<Object> values = new ArrayList<>(layout.targetColumns().size());
            Converted converted = convertRow(event, layout, values);
            if (converted.failure() != null) {
                return converted.failure();
            }
            if (rowidKey) {
                values.add(key.get(0));
            }
            RowOperation op = event.getOp() == Operation.SNAPSHOT ? RowOperation.LOAD : RowOperation.UPSERT;
            return TransformResult.row(rowChange(event, layout, op, key, layout.targetColumns(), values),
                    converted.rounded());
        } catch (KeyConversionException e) {
            return TransformResult.rejected(e.column, e.getMessage());
        }
    }

    private Layout layout(ChangeEvent event) {
        Layout last = lastLayout;
        if (last != null && last.of(event)) {
            return last;
        }
        Columns columns = new Columns(event.getKeyColumns(), event.getColumns());
        Layout layout = layouts.get(columns);
        if (layout == null) {
            layout = newLayout(columns);
            if (layouts.size() < MAX_LAYOUTS) {
                layouts.put(columns, layout);
            }
        }
        if (!layout.of(event)) {
            // the same names in other list objects (the next batch): remember these objects for its other rows
            layout = new Layout(columns, layout.converters(), layout.targetColumns(), layout.unknownColumn(),
                    layout.keyPrefixes());
        }
        lastLayout = layout;
        return layout;
    }

    private Layout newLayout(Columns columns) {
        List<String> sourceColumns = columns.columns();
        ColumnConverter[] converters = new ColumnConverter[sourceColumns.size()];
        List<String> targets = new ArrayList<>(sourceColumns.size() + 1);
        String unknown = null;
        for (int i = 0; i < sourceColumns.size(); i++) {
            Slot slot = slots.get(sourceColumns.get(i));
            if (slot == null) {
                unknown = sourceColumns.get(i);
                break;
            }
            converters[i] = slot.converter();
            if (slot.converter() != null) {
                targets.add(slot.target());
            }
        }
        if (rowidKey) {
            targets.add(KeyPlan.ROWID_COLUMN);
        }
        return new Layout(columns, converters, Collections.unmodifiableList(targets), unknown,
                ValueText.jsonPrefixes(columns.keyColumns()));
    }

    /**
     * A row's conversion: the rejection (null when every value converted), and the target columns whose value was
     * rounded from float noise.
     */
    private record Converted(TransformResult failure, List<String> rounded) {
        static final Converted CLEAN = new Converted(null, List.of());
    }

    /** Converts the written columns' values into {@code values}. */
    private static Converted convertRow(ChangeEvent event, Layout layout, List<Object> values) {
        List<Object> sourceValues = event.getValues();
        ColumnConverter[] converters = layout.converters();
        if (sourceValues.size() != converters.length) {
            return new Converted(TransformResult.rejected(null, "the event has " + sourceValues.size() + " values for "
                    + converters.length + " columns; this is a bug in capture, please report it"), List.of());
        }
        List<String> rounded = null;
        for (int i = 0; i < converters.length; i++) {
            ColumnConverter converter = converters[i];
            if (converter == null) {
                continue;
            }
            try {
                Object value = converter.convert(sourceValues.get(i));
                if (value instanceof RoundedReal real) {
                    rounded = rounded == null ? new ArrayList<>(1) : rounded;
                    rounded.add(layout.targetColumns().get(values.size()));
                    value = real.text();
                }
                values.add(value);
            } catch (ConversionException e) {
                return new Converted(TransformResult.rejected(event.getColumns().get(i), e.getMessage()), List.of());
            }
        }
        return rounded == null ? Converted.CLEAN : new Converted(null, rounded);
    }

    private List<Object> convertKey(List<Object> sourceKey) {
        List<Object> key = new ArrayList<>(sourceKey.size());
        for (int i = 0; i < sourceKey.size(); i++) {
            Object raw = sourceKey.get(i);
            String column = table.key().sourceColumns().get(i);
            if (raw == null) {
                throw new KeyConversionException(column, "key column " + column
                        + " is NULL; PostgreSQL primary keys cannot be NULL (SQLite allows it in non-INTEGER keys)");
            }
            Object converted;
            try {
                converted = keyConverters[i].convert(raw);
            } catch (ConversionException e) {
                throw new KeyConversionException(column, "key column " + column + ": " + e.getMessage());
            }
            if (converted instanceof RoundedReal) {
                throw new KeyConversionException(column, "key column " + column + ": the REAL " + raw
                        + " has more digits after the decimal point than its type keeps, and a key is never rounded"
                        + " (two keys could become one); fix the key in the source, or set the column's targetType"
                        + " to numeric in plan.json");
            }
            key.add(text(converted));
        }
        return key;
    }

    /**
     * A key value as text: keys are compared by their encoded bytes ({@code RecordKeyCodec}), and the sink encodes a
     * loaded row's key from its decoded text, so an integer must be the same text here.
     */
    private static Object text(Object converted) {
        return converted instanceof Long number ? number.toString() : converted;
    }

    private RowChange rowChange(ChangeEvent event, Layout layout, RowOperation op, List<Object> key,
                                List<String> columns, List<Object> values) {
        return new RowChange(event.getSource(), event.getTable(), table.target(), op, table.key().targetColumns(), key,
                ValueText.rowJson(layout.keyPrefixes(), event.getKey()), columns, values, event.getSourceTimeMs(),
                event.getCaptureTimeMs(), List.of());
    }

    private static final class KeyConversionException extends RuntimeException {
        private final String column;

        KeyConversionException(String column, String message) {
            super(message);
            this.column = column;
        }
    }
}
