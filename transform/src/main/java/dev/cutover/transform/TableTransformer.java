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
import dev.cutover.transform.convert.ValueText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one table's plan to its change events: renames columns, converts every value to the target type, drops
 * generated columns (PostgreSQL computes them) and derives the target key. Immutable and thread-safe once built.
 */
final class TableTransformer {
    private final TablePlan table;
    private final Map<String, Slot> slots = new HashMap<>();
    private final ColumnConverter[] keyConverters;
    private final boolean rowidKey;

    /** A source column's fate: its target name and converter, or null converter when PostgreSQL generates it. */
    private record Slot(String target, ColumnConverter converter) {
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
    TransformResult transform(ChangeEvent event) {
        try {
            List<Object> key = convertKey(event.getKey());
            if (event.getOp() == Operation.DELETE) {
                return TransformResult.row(rowChange(event, RowOperation.DELETE, key, List.of(), List.of()));
            }
            int size = event.getColumns().size() + (rowidKey ? 1 : 0);
            List<String> columns = new ArrayList<>(size);
            List<Object> values = new ArrayList<>(size);
            TransformResult failure = convertRow(event, columns, values);
            if (failure != null) {
                return failure;
            }
            if (rowidKey) {
                columns.add(KeyPlan.ROWID_COLUMN);
                values.add(key.get(0));
            }
            RowOperation op = event.getOp() == Operation.SNAPSHOT ? RowOperation.LOAD : RowOperation.UPSERT;
            return TransformResult.row(rowChange(event, op, key, columns, values));
        } catch (KeyConversionException e) {
            return TransformResult.rejected(e.column, e.getMessage());
        }
    }

    /** Fills the target columns and values; returns the rejection, or null when every value converted. */
    private TransformResult convertRow(ChangeEvent event, List<String> columns, List<Object> values) {
        List<String> sourceColumns = event.getColumns();
        List<Object> sourceValues = event.getValues();
        for (int i = 0; i < sourceColumns.size(); i++) {
            String name = sourceColumns.get(i);
            Slot slot = slots.get(name);
            if (slot == null) {
                return TransformResult.rejected(name, "column " + name + " is not in the plan (added to the source after "
                        + "planning?); run `cutover plan` again, then `cutover run`");
            }
            if (slot.converter() == null) {
                continue;
            }
            try {
                values.add(slot.converter().convert(sourceValues.get(i)));
                columns.add(slot.target());
            } catch (ConversionException e) {
                return TransformResult.rejected(name, e.getMessage());
            }
        }
        return null;
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
            try {
                key.add(keyConverters[i].convert(raw));
            } catch (ConversionException e) {
                throw new KeyConversionException(column, "key column " + column + ": " + e.getMessage());
            }
        }
        return key;
    }

    private RowChange rowChange(ChangeEvent event, RowOperation op, List<Object> key,
                                List<String> columns, List<Object> values) {
        return RowChange.newBuilder()
                .setSource(event.getSource())
                .setSourceTable(event.getTable())
                .setTable(table.target())
                .setOp(op)
                .setKeyColumns(table.key().targetColumns())
                .setKey(key)
                .setSourceKey(ValueText.rowJson(event.getKeyColumns(), event.getKey()))
                .setColumns(columns)
                .setValues(values)
                .setSourceTimeMs(event.getSourceTimeMs())
                .setCaptureTimeMs(event.getCaptureTimeMs())
                .build();
    }

    private static final class KeyConversionException extends RuntimeException {
        private final String column;

        KeyConversionException(String column, String message) {
            super(message);
            this.column = column;
        }
    }
}
