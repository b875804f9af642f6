package dev.cutover.sink.catalog;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.TargetCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what an existing PostgreSQL schema holds (tables, columns, primary and foreign keys) from {@code pg_catalog},
 * for mapping a source into tables the application's own migrations created.
 */
public final class PgCatalogReader {
    private static final String SCHEMA_EXISTS = "SELECT 1 FROM pg_namespace WHERE nspname = ?";

    private static final String TABLES = "SELECT c.oid, c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname";

    private static final String COLUMNS = "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS type,"
            + " a.attnotnull, a.atthasdef, a.attgenerated, a.attidentity, pg_get_expr(d.adbin, d.adrelid) AS expression"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY a.attrelid, a.attnum";

    private static final String PRIMARY_KEYS = "SELECT con.conrelid, a.attname FROM pg_constraint con"
            + " JOIN pg_namespace n ON n.oid = con.connamespace"
            + " CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)"
            + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
            + " WHERE n.nspname = ? AND con.contype = 'p' ORDER BY con.conrelid, k.position";

    private static final String FOREIGN_KEYS = "SELECT con.conrelid, con.conname, rn.nspname AS ref_schema,"
            + " rc.relname AS ref_table, con.confupdtype, con.confdeltype, pg_get_constraintdef(con.oid) AS definition,"
            + " (SELECT array_agg(a.attname ORDER BY k.position) FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)"
            + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,"
            + " (SELECT array_agg(a.attname ORDER BY k.position) FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, position)"
            + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns"
            + " FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace"
            + " JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace"
            + " WHERE n.nspname = ? AND con.contype = 'f' ORDER BY con.conrelid, con.conname";

    private PgCatalogReader() {
    }

    /**
     * @throws CutoverException BAD_CONFIGURATION when the schema does not exist, TARGET_UNREACHABLE when the catalog
     *                          cannot be read
     */
    public static TargetCatalog read(Connection connection, String schema) {
        try {
            if (!exists(connection, schema)) {
                throw CutoverException.config("schema '" + schema + "' does not exist in the target database; create "
                        + "it with the application's migrations or choose the schema that holds its tables");
            }
            Map<Long, TableBuilder> tables = tables(connection, schema);
            columns(connection, schema, tables);
            primaryKeys(connection, schema, tables);
            foreignKeys(connection, schema, tables);
            List<TargetCatalog.Table> result = new ArrayList<>();
            for (TableBuilder table : tables.values()) {
                result.add(table.build());
            }
            return new TargetCatalog(schema, result);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "cannot read the catalog of target schema '" + schema
                    + "' (" + e.getMessage() + "); check the target connection and that the user may read pg_catalog",
                    e);
        }
    }

    private static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = prepare(connection, SCHEMA_EXISTS, schema);
             ResultSet result = statement.executeQuery()) {
            return result.next();
        }
    }

    private static Map<Long, TableBuilder> tables(Connection connection, String schema) throws SQLException {
        Map<Long, TableBuilder> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = prepare(connection, TABLES, schema);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                tables.put(result.getLong("oid"), new TableBuilder(result.getString("relname")));
            }
        }
        return tables;
    }

    private static void columns(Connection connection, String schema, Map<Long, TableBuilder> tables)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, COLUMNS, schema);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                TableBuilder table = tables.get(result.getLong("attrelid"));
                if (table == null) {
                    continue;
                }
                boolean generated = !result.getString("attgenerated").isEmpty();
                String expression = result.getString("expression");
                table.columns.add(new TargetCatalog.Column(result.getString("attname"), result.getString("type"),
                        result.getBoolean("attnotnull"), result.getBoolean("atthasdef") && !generated,
                        generated ? expression : null, !result.getString("attidentity").isEmpty()));
            }
        }
    }

    private static void primaryKeys(Connection connection, String schema, Map<Long, TableBuilder> tables)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, PRIMARY_KEYS, schema);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                TableBuilder table = tables.get(result.getLong("conrelid"));
                if (table != null) {
                    table.primaryKey.add(result.getString("attname"));
                }
            }
        }
    }

    private static void foreignKeys(Connection connection, String schema, Map<Long, TableBuilder> tables)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, FOREIGN_KEYS, schema);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                TableBuilder table = tables.get(result.getLong("conrelid"));
                if (table == null) {
                    continue;
                }
                table.foreignKeys.add(new TargetCatalog.ForeignKey(result.getString("conname"),
                        names(result, "columns"), result.getString("ref_schema"), result.getString("ref_table"),
                        names(result, "ref_columns"), action(result.getString("confdeltype")),
                        action(result.getString("confupdtype")),
                        result.getString("definition").replaceFirst("\\s+NOT VALID$", "")));
            }
        }
    }

    private static List<String> names(ResultSet result, String column) throws SQLException {
        Object[] array = (Object[]) result.getArray(column).getArray();
        List<String> names = new ArrayList<>();
        for (Object name : array) {
            names.add((String) name);
        }
        return names;
    }

    /** pg_constraint's one-letter referential actions. */
    private static String action(String code) {
        switch (code) {
            case "r": return "RESTRICT";
            case "c": return "CASCADE";
            case "n": return "SET NULL";
            case "d": return "SET DEFAULT";
            default: return "NO ACTION";
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, String schema) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setString(1, schema);
        return statement;
    }

    private static final class TableBuilder {
        private final String name;
        private final List<TargetCatalog.Column> columns = new ArrayList<>();
        private final List<String> primaryKey = new ArrayList<>();
        private final List<TargetCatalog.ForeignKey> foreignKeys = new ArrayList<>();

        TableBuilder(String name) {
            this.name = name;
        }

        TargetCatalog.Table build() {
            return new TargetCatalog.Table(name, columns, primaryKey, foreignKeys);
        }
    }
}
