package dev.cutover.capture.sqlite;

import dev.cutover.capture.sqlite.plan.IndexDefinition;
import dev.cutover.capture.sqlite.plan.SqlSyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What capture needs to know about one source table, read from the live schema (not from the plan, which may be
 * older): whether it can carry triggers, how its rows are addressed, and which unique indexes {@code OR REPLACE} can
 * delete rows through.
 *
 * @param name            the table name, exactly
 * @param virtual         a virtual table (FTS, rtree, ...): no triggers possible
 * @param withoutRowid    a WITHOUT ROWID table
 * @param rowidAlias      {@code rowid}, {@code _rowid_} or {@code oid}, whichever is not a column name; null for
 *                        WITHOUT ROWID tables
 * @param columns         every column (generated ones included), in table order
 * @param primaryKey      the declared primary key columns in key order; empty when there is none
 * @param keyCollations   collation of each primary key column in the primary key's index ({@code BINARY} when the
 *                        key is the rowid itself)
 * @param uniqueIndexes   unique indexes and UNIQUE constraints other than the primary key
 */
record SqliteTableSchema(String name, boolean virtual, boolean withoutRowid, String rowidAlias, List<String> columns,
                         List<String> primaryKey, Map<String, String> keyCollations, List<UniqueIndex> uniqueIndexes) {

    SqliteTableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        keyCollations = Map.copyOf(keyCollations);
        uniqueIndexes = List.copyOf(uniqueIndexes);
    }

    /**
     * A unique index whose conflicts {@code INSERT OR REPLACE} / {@code UPDATE OR REPLACE} resolve by deleting rows.
     *
     * @param name     index name
     * @param elements indexed columns or expressions, in order; empty when the definition could not be read
     * @param where    the predicate of a partial index, or null
     */
    record UniqueIndex(String name, List<Element> elements, String where) {
        UniqueIndex {
            elements = List.copyOf(elements);
        }

        boolean readable() {
            return !elements.isEmpty();
        }
    }

    /**
     * @param column     the column, or null for an expression
     * @param expression the expression text (for a column, its name)
     * @param collation  the collation the index compares with
     */
    record Element(String column, String expression, String collation) {
    }

    /** The collation the primary key's index compares {@code keyColumn} with. */
    String collation(String keyColumn) {
        return keyCollations.getOrDefault(keyColumn, "BINARY");
    }

    /** Empty when the table does not exist. */
    static Optional<SqliteTableSchema> read(Connection connection, String table) throws SQLException {
        String type = null;
        boolean withoutRowid = false;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT type, wr FROM pragma_table_list WHERE schema = 'main' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    type = rs.getString(1);
                    withoutRowid = rs.getInt(2) == 1;
                }
            }
        }
        if (type == null || type.equals("view")) {
            return Optional.empty();
        }
        boolean virtual = type.equals("virtual");
        List<String> columns = columns(connection, table);
        List<String> primaryKey = primaryKey(connection, table);
        String alias = withoutRowid ? null : rowidAlias(columns, table);
        Map<String, String> keyCollations = new LinkedHashMap<>();
        List<UniqueIndex> unique = new ArrayList<>();
        if (!virtual) {
            readIndexes(connection, table, keyCollations, unique);
        }
        return Optional.of(new SqliteTableSchema(table, virtual, withoutRowid, alias, columns, primaryKey,
                keyCollations, unique));
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name FROM pragma_table_xinfo(?) WHERE hidden <> 1 ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    static List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name FROM pragma_table_xinfo(?) WHERE pk > 0 ORDER BY pk")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** rowid, _rowid_ or oid: the first that is not the name of a real column. */
    private static String rowidAlias(List<String> columns, String table) {
        Set<String> taken = new HashSet<>();
        columns.forEach(c -> taken.add(c.toLowerCase(Locale.ROOT)));
        for (String alias : List.of("rowid", "_rowid_", "oid")) {
            if (!taken.contains(alias)) {
                return alias;
            }
        }
        throw new IllegalStateException("table " + table + " has columns named rowid, _rowid_ and oid, hiding its rowid");
    }

    private static void readIndexes(Connection connection, String table, Map<String, String> keyCollations,
                                    List<UniqueIndex> unique) throws SQLException {
        record Listed(String name, String origin, boolean partial) {
        }
        List<Listed> listed = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, origin, partial FROM pragma_index_list(?) WHERE \"unique\" = 1 ORDER BY name")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    listed.add(new Listed(rs.getString(1), rs.getString(2), rs.getInt(3) == 1));
                }
            }
        }
        for (Listed index : listed) {
            List<Element> elements = indexColumns(connection, index.name());
            if (index.origin().equals("pk")) {
                elements.forEach(e -> keyCollations.put(e.column(), e.collation()));
            } else {
                unique.add(uniqueIndex(connection, index.name(), index.partial(), elements));
            }
        }
    }

    /** Key columns of an index; expressions come back with a null column and no text yet. */
    private static List<Element> indexColumns(Connection connection, String index) throws SQLException {
        List<Element> elements = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT cid, name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getInt(1) == -2 ? null : rs.getString(2);
                    elements.add(new Element(column, column, rs.getString(3)));
                }
            }
        }
        return elements;
    }

    /** Expressions and partial-index predicates come from the CREATE INDEX text; unreadable text gives no elements. */
    private static UniqueIndex uniqueIndex(Connection connection, String name, boolean partial, List<Element> columns)
            throws SQLException {
        boolean expressions = columns.stream().anyMatch(e -> e.column() == null);
        if (!expressions && !partial) {
            return new UniqueIndex(name, columns, null);
        }
        String sql = indexSql(connection, name);
        if (sql == null) {
            return new UniqueIndex(name, List.of(), null);
        }
        try {
            IndexDefinition definition = IndexDefinition.parse(sql);
            if (definition.elements().size() != columns.size()) {
                return new UniqueIndex(name, List.of(), null);
            }
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Element column = columns.get(i);
                elements.add(column.column() != null ? column
                        : new Element(null, definition.elements().get(i).expression(), column.collation()));
            }
            return new UniqueIndex(name, elements, definition.where());
        } catch (SqlSyntaxException e) {
            return new UniqueIndex(name, List.of(), null);
        }
    }

    private static String indexSql(Connection connection, String index) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
