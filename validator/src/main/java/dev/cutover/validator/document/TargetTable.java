package dev.cutover.validator.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL table read as {@code to_jsonb} of its rows: by the values of some of its columns (its key, or an owned
 * table's owner columns), at random, or counted. Lookups bind every value as text and cast it to the column's type, so
 * one statement serves a whole batch of keys and PostgreSQL can use the key's index.
 */
final class TargetTable {
    private final Connection connection;
    private final String qualified;
    private final TablePlan table;

    TargetTable(Connection connection, String schema, TablePlan table) {
        this.connection = connection;
        this.qualified = Identifiers.qualified(schema, table.target());
        this.table = table;
    }

    long count() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + qualified)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Up to {@code n} rows picked at random. */
    List<JsonNode> sample(int n) throws SQLException {
        List<JsonNode> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT to_jsonb(t)::text FROM " + qualified + " t ORDER BY random() LIMIT ?")) {
            statement.setInt(1, n);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(DocumentValues.parse(rs.getString(1)));
                }
            }
        }
        return rows;
    }

    /**
     * The rows whose {@code columns} hold one of the given value tuples (PostgreSQL input text, parallel to
     * {@code columns}), grouped by the canonical text of those values ({@link #canonicalKey}), each group in the
     * order of {@code orderBy} (or any order when null).
     */
    Map<String, List<JsonNode>> rowsWhere(List<String> columns, List<List<String>> tuples, String orderBy)
            throws SQLException {
        Map<String, List<JsonNode>> rows = new LinkedHashMap<>();
        if (tuples.isEmpty()) {
            return rows;
        }
        try (PreparedStatement statement = connection.prepareStatement(lookup(columns, orderBy))) {
            for (int c = 0; c < columns.size(); c++) {
                int column = c;
                Array values = connection.createArrayOf("text", tuples.stream().map(t -> t.get(column)).toArray());
                statement.setArray(c + 1, values);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    JsonNode row = DocumentValues.parse(rs.getString(1));
                    rows.computeIfAbsent(canonicalKey(row, columns), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return rows;
    }

    private String lookup(List<String> columns, String orderBy) {
        List<String> unnest = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            unnest.add("?::text[]");
            on.add("t." + Identifiers.quote(columns.get(c)) + " = k.c" + c + "::" + typeOf(columns.get(c)));
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            names.add("c" + c);
        }
        return "SELECT to_jsonb(t)::text FROM " + qualified + " t JOIN unnest(" + String.join(", ", unnest) + ") AS k("
                + String.join(", ", names) + ") ON " + String.join(" AND ", on)
                + (orderBy == null ? "" : " ORDER BY t." + Identifiers.quote(orderBy));
    }

    private String typeOf(String targetColumn) {
        return table.columns().stream().filter(c -> c.target().equals(targetColumn)).map(ColumnPlan::targetType)
                .findFirst().orElse("text");
    }

    /** The canonical text of a row's values in {@code columns}, as {@link DocumentValues#canonical} writes each. */
    static String canonicalKey(JsonNode row, List<String> columns) {
        List<String> parts = new ArrayList<>(columns.size());
        for (String column : columns) {
            parts.add(DocumentValues.canonical(row.get(column)));
        }
        return joinKey(parts);
    }

    /** Key parts in canonical form as one text. */
    static String joinKey(List<String> parts) {
        return String.join("\u0001", parts);
    }
}
