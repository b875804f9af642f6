package dev.cutover.validator;

import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.validator.CanonicalValue.Kind;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The target's SQL of the full comparison: rows are selected key columns first, then every planned column. Orders and
 * key ranges are the source read-back's (text by its bytes): PostgreSQL's text key columns under {@code COLLATE "C"},
 * which orders text by bytes of UTF-8. Range bounds are bound as parameters: the source keys' normal forms cast to the
 * key's base type (never to a type with modifiers, which could round the bound).
 */
final class FullSql {
    private final String targetSchema;
    private final FullTable table;

    FullSql(String targetSchema, FullTable table) {
        this.targetSchema = targetSchema;
        this.table = table;
    }

    String targetStream() {
        return targetSelect() + " ORDER BY " + String.join(", ", targetKeyTerms());
    }

    /**
     * Target rows with {@code low < key <= high}, in key order (examples are listed in key order); a range open at
     * the top also takes rows with a NULL key column, which PostgreSQL's ascending order puts last.
     */
    String targetRange(FullRange range) {
        String row = row(targetKeyTerms());
        String tuple = row(table.keyCasts().stream().map(t -> "CAST(? AS " + t + ")").toList());
        List<String> conditions = new ArrayList<>();
        if (range.low() != null) {
            conditions.add(row + " > " + tuple);
        }
        if (range.high() != null) {
            conditions.add(row + " <= " + tuple);
        }
        String where = String.join(" AND ", conditions);
        if (range.high() == null && !where.isEmpty()) {
            where = "(" + where + ") OR " + targetKeyNames().stream().map(k -> k + " IS NULL")
                    .collect(Collectors.joining(" OR "));
        }
        return targetSelect() + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY "
                + String.join(", ", targetKeyTerms());
    }

    String targetAll() {
        return targetSelect();
    }

    /** Binds the range's bounds for {@link #targetRange}: the keys' normal forms. */
    void bindTarget(PreparedStatement statement, FullRange range) throws SQLException {
        int index = 1;
        for (FullKey bound : bounds(range)) {
            for (int i = 0; i < table.keyCount(); i++) {
                bindTargetValue(statement, index++, bound.normal()[i], table.keyKind(i));
            }
        }
    }

    private static List<FullKey> bounds(FullRange range) {
        List<FullKey> bounds = new ArrayList<>(2);
        if (range.low() != null) {
            bounds.add(range.low());
        }
        if (range.high() != null) {
            bounds.add(range.high());
        }
        return bounds;
    }

    private static void bindTargetValue(PreparedStatement statement, int index, Object normal, Kind kind)
            throws SQLException {
        if (kind == Kind.TIMESTAMPTZ) {
            statement.setObject(index, ((LocalDateTime) normal).atOffset(ZoneOffset.UTC));
        } else if (normal instanceof Long l) {
            statement.setLong(index, l);
        } else if (normal instanceof Float f) {
            statement.setFloat(index, f);
        } else if (normal instanceof Double d) {
            statement.setDouble(index, d);
        } else if (normal instanceof BigDecimal b) {
            statement.setBigDecimal(index, b);
        } else if (normal instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (normal instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else if (normal instanceof String s) {
            statement.setString(index, s);
        } else {
            statement.setObject(index, normal);
        }
    }

    private String targetSelect() {
        List<String> parts = new ArrayList<>(targetKeyNames());
        table.plan().columns().forEach(c -> parts.add(quote(c.target())));
        return "SELECT " + String.join(", ", parts) + " FROM " + qualified(targetSchema, table.plan().target());
    }

    private List<String> targetKeyNames() {
        return table.plan().key().targetColumns().stream().map(Identifiers::quote).toList();
    }

    private List<String> targetKeyTerms() {
        List<String> names = targetKeyNames();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            terms.add(names.get(i) + (table.keyKind(i) == Kind.TEXT ? " COLLATE \"C\"" : ""));
        }
        return terms;
    }

    private static String row(List<String> terms) {
        return terms.size() == 1 ? terms.get(0) : "(" + String.join(", ", terms) + ")";
    }
}
