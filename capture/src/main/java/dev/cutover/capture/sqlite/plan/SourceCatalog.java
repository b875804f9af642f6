package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the source schema through {@code sqlite_schema} and the table PRAGMAs (as table-valued functions). */
final class SourceCatalog {
    private final PlanningConnection source;
    private List<SchemaObject> objects;

    SourceCatalog(PlanningConnection source) {
        this.source = source;
    }

    /** Every schema object in source order. */
    List<SchemaObject> objects() {
        if (objects == null) {
            objects = readObjects();
        }
        return objects;
    }

    private List<SchemaObject> readObjects() {
        Map<String, Map<String, Object>> tableList = new HashMap<>();
        for (Map<String, Object> row : source.rows("listing tables",
                "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'")) {
            tableList.put((String) row.get("name"), row);
        }
        List<SchemaObject> result = new ArrayList<>();
        for (Map<String, Object> row : source.rows("reading sqlite_schema",
                "SELECT rowid AS pos, type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid")) {
            String name = (String) row.get("name");
            Map<String, Object> listed = tableList.get(name);
            String type = (String) row.get("type");
            if (type.equals("table") && listed != null) {
                type = (String) listed.get("type");
            }
            result.add(new SchemaObject(type, name, (String) row.get("tbl_name"), (String) row.get("sql"),
                    ((Number) row.get("pos")).longValue(), listed != null && flag(listed.get("wr")),
                    listed != null && flag(listed.get("strict"))));
        }
        return result;
    }

    List<SourceColumn> columns(String table) {
        List<SourceColumn> columns = new ArrayList<>();
        for (Map<String, Object> row : source.rows("reading the columns of " + table,
                "SELECT name, type, \"notnull\" AS nn, dflt_value, pk, hidden FROM pragma_table_xinfo(?)", table)) {
            columns.add(new SourceColumn((String) row.get("name"), row.get("type") == null ? "" : (String) row.get("type"),
                    flag(row.get("nn")), (String) row.get("dflt_value"), ((Number) row.get("pk")).intValue(),
                    ((Number) row.get("hidden")).intValue()));
        }
        return columns;
    }

    List<SourceIndex> indexes(String table) {
        Map<String, Long> order = new HashMap<>();
        Map<String, String> sql = new HashMap<>();
        for (SchemaObject object : objects()) {
            order.put(object.name(), object.order());
            sql.put(object.name(), object.sql());
        }
        List<SourceIndex> indexes = new ArrayList<>();
        for (Map<String, Object> row : source.rows("reading the indexes of " + table,
                "SELECT name, \"unique\" AS uq, origin, partial FROM pragma_index_list(?)", table)) {
            String name = (String) row.get("name");
            indexes.add(new SourceIndex(name, flag(row.get("uq")), (String) row.get("origin"), flag(row.get("partial")),
                    sql.get(name), indexColumns(name)));
        }
        indexes.sort(Comparator.comparing(i -> order.getOrDefault(i.name(), Long.MAX_VALUE)));
        return indexes;
    }

    private List<SourceIndex.Column> indexColumns(String index) {
        List<SourceIndex.Column> columns = new ArrayList<>();
        for (Map<String, Object> row : source.rows("reading index " + index,
                "SELECT cid, name, \"desc\" AS descending, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
                index)) {
            columns.add(new SourceIndex.Column(((Number) row.get("cid")).intValue(), (String) row.get("name"),
                    flag(row.get("descending")), (String) row.get("coll")));
        }
        return columns;
    }

    /** Foreign keys in declaration order (SQLite numbers them from the last declared). */
    List<SourceForeignKey> foreignKeys(String table) {
        Map<Integer, List<Map<String, Object>>> byId = new LinkedHashMap<>();
        for (Map<String, Object> row : source.rows("reading the foreign keys of " + table,
                "SELECT id, seq, \"table\" AS parent, \"from\" AS src, \"to\" AS dst, on_update, on_delete "
                        + "FROM pragma_foreign_key_list(?) ORDER BY id DESC, seq", table)) {
            byId.computeIfAbsent(((Number) row.get("id")).intValue(), id -> new ArrayList<>()).add(row);
        }
        List<SourceForeignKey> keys = new ArrayList<>();
        for (List<Map<String, Object>> rows : byId.values()) {
            List<String> from = new ArrayList<>();
            List<String> to = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                from.add((String) row.get("src"));
                if (row.get("dst") != null) {
                    to.add((String) row.get("dst"));
                }
            }
            Map<String, Object> first = rows.get(0);
            keys.add(new SourceForeignKey((String) first.get("parent"), from, to.size() == from.size() ? to : List.of(),
                    upper(first.get("on_update")), upper(first.get("on_delete"))));
        }
        return keys;
    }

    private static String upper(Object action) {
        return action == null ? "NO ACTION" : action.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean flag(Object value) {
        return value instanceof Number && ((Number) value).intValue() != 0;
    }
}
