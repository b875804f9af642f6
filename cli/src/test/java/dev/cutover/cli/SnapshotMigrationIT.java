package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code run --once} through real Kafka into real PostgreSQL; then every row and every column compared with the
 * source, and the schema checked for the fidelity rules (NOT NULL, keys, defaults, precision, dates, constraints).
 */
@ExtendWith(PipelineServices.class)
class SnapshotMigrationIT {
    @TempDir
    Path dir;

    private record Migrated(Path source, PgTarget target, Plan plan, CommandOutput output) {
    }

    private Migrated migrate(String database, PipelineServices.Services services) {
        Path source = SampleDatabases.copy(database, dir);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        CommandOutput output = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                target.toString(), "--kafka", services.kafka(), "--work", work.toString());
        return new Migrated(source, target, PlanJson.read(work.resolve("plan.json")), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {SampleDatabases.CHINOOK, SampleDatabases.CHINOOK_AUTOINCREMENT, SampleDatabases.NORTHWIND,
        SampleDatabases.SAKILA, SampleDatabases.KITCHEN_SINK})
    void shouldLandEveryRowAndColumnExactlyAsInSqlite(String database, PipelineServices.Services services)
            throws Exception {
        Migrated migrated = migrate(database, services);

        assertThat(migrated.output().exitCode()).as(migrated.output().err()).isZero();
        Map<String, Double> phases = phaseSeconds(migrated.output().out());
        assertThat(phases.keySet()).as("the summary's phases, in order")
                .containsExactly("services", "plan", "schema and topics", "snapshot", "drain", "finish");
        assertThat(phases.values().stream().mapToDouble(Double::doubleValue).sum()).as("phases within the total")
                .isLessThanOrEqualTo(totalSeconds(migrated.output().out()) + 0.3);
        Plan plan = migrated.plan();
        Map<String, Long> sourceCounts = Sources.parse("sqlite:" + migrated.source()).rowCounts(
                plan.tables().stream().map(TablePlan::source).toList());
        List<TableDiff> diffs = new ArrayList<>();
        try (ReadBack sqlite = Sources.parse("sqlite:" + migrated.source()).readBack(false);
             Connection postgres = migrated.target().connect()) {
            for (TablePlan table : plan.tables()) {
                diffs.add(new TableComparator(plan.targetSchema(), table).compare(sqlite, postgres));
            }
        }
        assertThat(diffs).hasSize(plan.tables().size()).allSatisfy(diff -> {
            assertThat(diff.different()).as("different values in %s", diff.table()).isEmpty();
            assertThat(diff.missing()).as("rows missing from %s", diff.table()).isEmpty();
            assertThat(diff.extra()).as("extra rows in %s", diff.table()).isEmpty();
            assertThat(diff.targetRows()).as("rows in %s", diff.table()).isEqualTo(sourceCounts.get(diff.table()));
        });
        assertThat(constraintsNotValidated(migrated.target())).as("constraints left NOT VALID").isEmpty();
    }

    @Test
    void shouldKeepChinooksSchemaFaithful(PipelineServices.Services services) throws Exception {
        Migrated migrated = migrate(SampleDatabases.CHINOOK, services);

        assertThat(migrated.output().exitCode()).isZero();
        try (Connection c = migrated.target().connect()) {
            assertThat(column(c, "Invoice", "Total")).isEqualTo("numeric(10,2) NOT NULL");
            assertThat(column(c, "Invoice", "InvoiceDate")).isEqualTo("timestamp without time zone NOT NULL");
            assertThat(column(c, "Employee", "BirthDate")).isEqualTo("timestamp without time zone NULL");
            assertThat(column(c, "Album", "Title")).isEqualTo("character varying(160) NOT NULL");
            assertThat(column(c, "Track", "Milliseconds")).isEqualTo("bigint NOT NULL");
            assertThat(primaryKey(c, "PlaylistTrack")).containsExactly("PlaylistId", "TrackId");
            assertThat(foreignKeys(c)).contains("Album(ArtistId) -> Artist", "Employee(ReportsTo) -> Employee",
                    "InvoiceLine(InvoiceId) -> Invoice", "PlaylistTrack(TrackId) -> Track");
            assertThat(query(c, "SELECT \"InvoiceDate\"::text FROM \"Invoice\" WHERE \"InvoiceId\" = 1"))
                    .isEqualTo("2021-01-01 00:00:00");
            assertThat(query(c, "SELECT \"Total\"::text FROM \"Invoice\" WHERE \"InvoiceId\" = 1")).isEqualTo("1.98");
        }
    }

    @Test
    void shouldKeepNorthwindsDefaultsChecksAndIdentities(PipelineServices.Services services) throws Exception {
        Migrated migrated = migrate(SampleDatabases.NORTHWIND, services);

        assertThat(migrated.output().exitCode()).isZero();
        try (Connection c = migrated.target().connect()) {
            assertThat(query(c, "SELECT column_default FROM information_schema.columns WHERE table_name = 'Order Details' "
                    + "AND column_name = 'Quantity'")).isEqualTo("1");
            assertThat(column(c, "Order Details", "Discount")).isEqualTo("double precision NOT NULL");
            assertThat(query(c, "SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = "
                    + "'public.\"Order Details\"'::regclass")).isEqualTo("3");
            assertThat(query(c, "SELECT is_identity FROM information_schema.columns WHERE table_name = 'Orders' "
                    + "AND column_name = 'OrderID'")).isEqualTo("YES");
            long max = Long.parseLong(query(c, "SELECT max(\"OrderID\") FROM \"Orders\""));
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO \"Orders\" (\"CustomerID\") VALUES (NULL)");
            }
            assertThat(Long.parseLong(query(c, "SELECT max(\"OrderID\") FROM \"Orders\""))).isEqualTo(max + 1);
        }
    }

    /**
     * A primary key that holds NULLs (SQLite allows it outside INTEGER keys; pgloader's own test database has such a
     * table) keys its table by rowid: every row lands, the key stays a unique column, and validation finds no difference.
     */
    @Test
    void shouldLandEveryRowOfATableWhosePrimaryKeyHoldsNulls(PipelineServices.Services services) throws Exception {
        Path source = SampleDatabases.create(dir.resolve("nullkeys.db"),
                "CREATE TABLE autoinc (id BIGINT PRIMARY KEY, name TEXT)",
                "INSERT INTO autoinc VALUES (NULL, 'a'), (NULL, 'b'), (NULL, 'c')",
                "CREATE TABLE mixed (code TEXT PRIMARY KEY, v INTEGER)",
                "INSERT INTO mixed VALUES ('x', 1), (NULL, 2), ('y', 3), (NULL, 4)",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, code TEXT REFERENCES mixed (code))",
                "INSERT INTO child VALUES (1, 'x'), (2, 'y'), (3, NULL)");
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        CommandOutput run = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                target.toString(), "--kafka", services.kafka(), "--work", work.toString());
        CommandOutput validate = CommandOutput.run("validate", "--full", "--source", "sqlite:" + source, "--target",
                target.toString(), "--work", work.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(work.resolve("errors.jsonl")).satisfiesAnyOf(f -> assertThat(f).doesNotExist(),
                f -> assertThat(f).isEmptyFile());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        try (Connection c = target.connect()) {
            assertThat(list(c, "SELECT name FROM autoinc WHERE id IS NULL ORDER BY name")).containsExactly("a", "b", "c");
            assertThat(list(c, "SELECT coalesce(code, '-') || v FROM mixed ORDER BY v"))
                    .containsExactly("x1", "-2", "y3", "-4");
            assertThat(column(c, "mixed", "code")).isEqualTo("text NULL");
            assertThat(primaryKey(c, "mixed")).isEmpty();
            assertThat(query(c, "SELECT count(*) FROM pg_index WHERE indisunique AND indrelid = 'public.mixed'::regclass"
                    + " AND indkey::text = (SELECT attnum::text FROM pg_attribute WHERE attrelid = 'public.mixed'::regclass"
                    + " AND attname = 'code')")).as("a unique index on mixed.code").isEqualTo("1");
            assertThat(foreignKeys(c)).contains("child(code) -> mixed");
            assertThat(query(c, "SELECT count(*) FROM child")).isEqualTo("3");
        }
    }

    private static String column(Connection c, String table, String column) throws SQLException {
        return query(c, "SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' "
                + "ELSE ' NULL' END FROM pg_attribute a WHERE a.attrelid = 'public.\"" + table + "\"'::regclass "
                + "AND a.attname = '" + column + "'");
    }

    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        return list(c, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = 'public.\"" + table + "\"'::regclass "
                + "ORDER BY array_position(i.indkey, a.attnum)");
    }

    private static List<String> foreignKeys(Connection c) throws SQLException {
        return list(c, "SELECT conrelid::regclass::text || '(' || (SELECT string_agg(attname, ',') FROM pg_attribute "
                + "WHERE attrelid = conrelid AND attnum = ANY(conkey)) || ') -> ' || confrelid::regclass::text "
                + "FROM pg_constraint WHERE contype = 'f'").stream().map(s -> s.replace("\"", "")).toList();
    }

    private static List<String> constraintsNotValidated(PgTarget target) throws SQLException {
        try (Connection c = target.connect()) {
            return list(c, "SELECT conname FROM pg_constraint WHERE NOT convalidated");
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        List<String> values = list(c, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The phases line of a run's summary ({@code time: plan 0.4 s, ...}) as name → seconds, in order. */
    private static Map<String, Double> phaseSeconds(String output) {
        Matcher line = Pattern.compile("(?m)^\\s+time: (.*)$").matcher(output);
        assertThat(line.find()).as("a time line in %s", output).isTrue();
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String phase : line.group(1).split(", ")) {
            Matcher m = Pattern.compile("(.+) (\\d+\\.\\d) s").matcher(phase);
            assertThat(m.matches()).as(phase).isTrue();
            phases.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return phases;
    }

    private static double totalSeconds(String output) {
        Matcher total = Pattern.compile(" in (\\d+\\.\\d) s \\(").matcher(output);
        assertThat(total.find()).as("the run's total time in %s", output).isTrue();
        return Double.parseDouble(total.group(1));
    }
}
