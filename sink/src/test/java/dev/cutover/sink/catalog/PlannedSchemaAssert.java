package dev.cutover.sink.catalog;

import static dev.cutover.sink.catalog.PostgresFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks, from pg_catalog, that a database holds exactly the schema a plan describes. */
final class PlannedSchemaAssert {
    private PlannedSchemaAssert() {
    }

    static void assertMatchesPlan(Connection connection, Plan plan) throws SQLException {
        for (TablePlan table : plan.tables()) {
            assertColumns(connection, plan.targetSchema(), table);
            assertKey(connection, table);
            assertIndexes(connection, table);
            assertConstraints(connection, table);
        }
    }

    private static void assertColumns(Connection connection, String schema, TablePlan table) throws SQLException {
        List<Map<String, Object>> rows = query(connection, "SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type,"
                + " a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated FROM pg_attribute a"
                + " WHERE a.attrelid = format('%I.%I', ?::text, ?::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum", schema, table.target());
        List<String> expected = new ArrayList<>();
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            expected.add(KeyPlan.ROWID_COLUMN);
        }
        table.columns().forEach(c -> expected.add(c.target()));
        assertThat(rows).extracting(r -> r.get("attname")).as("columns of %s", table.target())
                .containsExactlyElementsOf(expected);
        for (ColumnPlan column : table.columns()) {
            Map<String, Object> row = rows.stream().filter(r -> r.get("attname").equals(column.target())).findFirst()
                    .orElseThrow();
            String where = table.target() + "." + column.target();
            assertThat(shortType((String) row.get("type"))).as("type of %s", where).isEqualTo(column.targetType());
            assertThat(row.get("attnotnull")).as("NOT NULL of %s", where).isEqualTo(column.notNull() || column.identity());
            boolean generated = !row.get("attgenerated").toString().isEmpty();
            assertThat(generated).as("generated %s", where).isEqualTo(column.generatedSql() != null);
            assertThat((Boolean) row.get("atthasdef") && !generated).as("default of %s", where)
                    .isEqualTo(column.defaultSql() != null);
            assertThat(!row.get("attidentity").toString().isEmpty()).as("identity of %s", where)
                    .isEqualTo(column.identity());
        }
    }

    private static void assertKey(Connection connection, TablePlan table) throws SQLException {
        String type = table.key().kind() == KeyPlan.KeyKind.ROWID ? "u" : "p";
        List<Map<String, Object>> rows = constraints(connection, table, type);
        assertThat(rows).extracting(r -> r.get("conname")).as("key of %s", table.target())
                .contains(table.key().name());
        Map<String, Object> key = rows.stream().filter(r -> r.get("conname").equals(table.key().name())).findFirst()
                .orElseThrow();
        assertThat(key.get("columns").toString()).isEqualTo(String.join(",", table.key().targetColumns()));
    }

    private static void assertIndexes(Connection connection, TablePlan table) throws SQLException {
        List<Map<String, Object>> rows = query(connection, "SELECT i.relname, x.indisunique, x.indpred IS NOT NULL AS partial"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " WHERE x.indrelid = format('%I.%I', current_schema(), ?::text)::regclass AND NOT x.indisprimary"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)", table.target());
        assertThat(rows).extracting(r -> r.get("relname")).as("indexes of %s", table.target())
                .containsExactlyInAnyOrderElementsOf(table.indexes().stream().map(IndexPlan::name).collect(Collectors.toList()));
        for (IndexPlan index : table.indexes()) {
            Map<String, Object> row = rows.stream().filter(r -> r.get("relname").equals(index.name())).findFirst()
                    .orElseThrow();
            assertThat(row.get("indisunique")).as("unique %s", index.name()).isEqualTo(index.unique());
            assertThat(row.get("partial")).as("partial %s", index.name()).isEqualTo(index.where() != null);
        }
    }

    private static void assertConstraints(Connection connection, TablePlan table) throws SQLException {
        List<Map<String, Object>> checks = constraints(connection, table, "c");
        assertThat(checks).extracting(r -> r.get("conname")).as("checks of %s", table.target())
                .containsExactlyInAnyOrderElementsOf(table.checks().stream().map(CheckPlan::name).collect(Collectors.toList()));
        List<Map<String, Object>> foreignKeys = constraints(connection, table, "f");
        assertThat(foreignKeys).extracting(r -> r.get("conname")).as("foreign keys of %s", table.target())
                .containsExactlyInAnyOrderElementsOf(table.foreignKeys().stream().map(ForeignKeyPlan::name)
                        .collect(Collectors.toList()));
        for (ForeignKeyPlan foreignKey : table.foreignKeys()) {
            Map<String, Object> row = foreignKeys.stream().filter(r -> r.get("conname").equals(foreignKey.name()))
                    .findFirst().orElseThrow();
            assertThat(row.get("columns").toString()).isEqualTo(String.join(",", foreignKey.columns()));
            assertThat(row.get("ref_table")).isEqualTo(foreignKey.refTable());
        }
        checks.addAll(foreignKeys);
        assertThat(checks).allSatisfy(r -> assertThat(r.get("convalidated")).as("validated %s", r.get("conname"))
                .isEqualTo(true));
    }

    private static List<Map<String, Object>> constraints(Connection connection, TablePlan table, String type)
            throws SQLException {
        return query(connection, "SELECT c.conname, c.convalidated, r.relname AS ref_table,"
                + " (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)"
                + "  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns"
                + " FROM pg_constraint c LEFT JOIN pg_class r ON r.oid = c.confrelid"
                + " WHERE c.conrelid = format('%I.%I', current_schema(), ?::text)::regclass AND c.contype = ?",
                table.target(), type);
    }

    /** format_type's spelling → the plan's. */
    static String shortType(String type) {
        return type.replace("character varying", "varchar").replace(" without time zone", "");
    }
}
