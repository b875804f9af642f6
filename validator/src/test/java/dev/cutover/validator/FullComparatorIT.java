package dev.cutover.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.NumericDates;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Sources;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full comparisons of a real SQLite file with a real PostgreSQL (embedded, one per class; a fresh schema per test):
 * tables are created on both sides with equal data, compared, then changed in PostgreSQL and compared again.
 */
class FullComparatorIT {
    private static final int CHUNK = 100;
    private static final int EXAMPLES = 20;
    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Key prefixes whose order differs between byte order, UTF-16 order and any linguistic collation. */
    private static final List<String> PREFIXES = List.of("a", "B", "Z", "é", "Ω", "\uFB00", "😀", "z", "É", "0");

    private static EmbeddedPostgres postgres;
    private static int schemas;

    private Connection sqlite;
    private ReadBack source;
    private Connection pg;
    private String schema;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void connect(@TempDir Path dir) throws SQLException {
        sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("source.sqlite"));
        source = Sources.parse("sqlite:" + dir.resolve("source.sqlite")).readBack(false);
        pg = postgres.getPostgresDatabase().getConnection();
        schema = "full_" + (++schemas);
        pg("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void close() throws SQLException {
        source.close();
        sqlite.close();
        pg.close();
    }

    @Test
    void shouldFindEqualTablesEqualForEveryKeyKind() throws SQLException {
        for (TablePlan table : List.of(items(3000), words(2000), lines(), events(), readings())) {
            long rows = count(table);
            TableComparison result = compare(table, PendingKeys.NONE);
            assertThat(result.matches()).as(table.source()).isTrue();
            assertThat(result.mode()).isEqualTo("full");
            assertThat(result.compared()).as(table.source()).isEqualTo(rows).isPositive();
            assertThat(result.equal()).as(table.source()).isEqualTo(rows);
            assertThat(result.pending()).isZero();
            // Chunks of CHUNK source rows and the open-ended last one: chunked by key ranges, not by hash partitions.
            assertThat(result.chunks()).as(table.source()).isEqualTo(rows / CHUNK + 1);
            assertThat(result.differingChunks()).as(table.source()).isZero();
        }
        assertThat(pg.getAutoCommit()).isTrue();
        assertThat(readerThreadsLeft()).isEmpty();
    }

    @Test
    void shouldReportEachPlantedDifferenceWithItsKeyAndColumn() throws SQLException {
        TablePlan items = items(3000);
        pg("UPDATE %s.items SET name = 'changed' WHERE id = 1000");
        pg("DELETE FROM %s.items WHERE id = 1554");
        insertItem(1001);
        insertItem(100_000);
        insertItem(-4);
        pg("UPDATE %s.items SET created = created + interval '1 hour' WHERE id = 2468");
        pg("UPDATE %s.items SET price = price::real WHERE id = 42");
        pg("UPDATE %s.items SET qty = 99 WHERE id = 3000");
        pg("DELETE FROM %s.items WHERE id = 4000");
        PendingKeys pending = PendingKeys.of(Map.of("items", Set.of(key("id", 3000), key("id", 4000))));

        TableComparison result = compare(items, pending);

        assertThat(result.compared()).isEqualTo(3000);
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.missingKeys()).containsExactly(key("id", 1554));
        assertThat(result.extra()).isEqualTo(3);
        assertThat(result.extraKeys()).containsExactly(key("id", -4), key("id", 1001), key("id", 100_000));
        assertThat(result.different()).isEqualTo(3);
        assertThat(result.differences()).extracting(Difference::key, Difference::column).containsExactly(
                tuple(key("id", 42), "price"), tuple(key("id", 42), "total"), tuple(key("id", 1000), "name"),
                tuple(key("id", 2468), "created"));
        assertThat(result.differences().get(3).target()).isEqualTo(START.plusMinutes(1234).plusHours(1));
        assertThat(result.pending()).isEqualTo(2);
        assertThat(result.equal()).isEqualTo(3000 - 1 - 3 - 2);
        // Chunks 0 (ids -4, 42), 4 (1000), 5 (1001), 7 (1554), 12 (2468), 14 (3000), 19 (4000) and the open end.
        assertThat(result.chunks()).isEqualTo(31);
        assertThat(result.differingChunks()).isEqualTo(8);
    }

    @Test
    void shouldReportDifferencesUnderTextCompositeRowidAndTimestampKeys() throws SQLException {
        TablePlan words = words(2000);
        pg("DELETE FROM %s.words WHERE code = 'é-3'");
        pg("UPDATE %s.words SET n = -1 WHERE code = 'Ω-4'");
        pg("INSERT INTO %s.words VALUES ('zz-extra', 1), ('A-extra', 2), ('\uFB00-extra', 3)");
        TableComparison text = compare(words, PendingKeys.NONE);
        assertThat(text.missingKeys()).containsExactly(key("code", "é-3"));
        assertThat(text.extraKeys()).containsExactly(key("code", "A-extra"), key("code", "zz-extra"),
                key("code", "\uFB00-extra"));
        assertThat(text.differences()).extracting(Difference::key, Difference::column)
                .containsExactly(tuple(key("code", "Ω-4"), "n"));
        assertThat(text.equal()).isEqualTo(2000 - 2);
        assertThat(text.chunks()).isEqualTo(21);

        TablePlan lines = lines();
        pg("DELETE FROM %s.lines WHERE region = 'Ürdün' AND seq = 5");
        pg("UPDATE %s.lines SET sku = 'other' WHERE region = 'South' AND seq = 600");
        TableComparison composite = compare(lines, PendingKeys.NONE);
        assertThat(composite.missingKeys()).containsExactly("{\"region\":\"Ürdün\",\"seq\":5}");
        assertThat(composite.differences()).extracting(Difference::key, Difference::column)
                .containsExactly(tuple("{\"region\":\"South\",\"seq\":600}", "sku"));
        assertThat(composite.extra()).isZero();
        assertThat(composite.differingChunks()).isEqualTo(2);

        TablePlan events = events();
        pg("UPDATE %s.events SET at = at + interval '1 hour' WHERE _cutover_rowid = 700");
        pg("INSERT INTO %s.events VALUES (5000, 'late', now())");
        TableComparison rowid = compare(events, PendingKeys.NONE);
        assertThat(rowid.differences()).extracting(Difference::key, Difference::column)
                .containsExactly(tuple(key("rowid", 700), "at"));
        assertThat(rowid.extraKeys()).containsExactly(key("rowid", 5000));
        assertThat(rowid.missing()).isZero();

        TablePlan readings = readings();
        pg("DELETE FROM %s.readings WHERE at = '2024-01-02 03:14:05'");
        pg("INSERT INTO %s.readings VALUES ('2024-01-02 03:14:06', 1.5)");
        TableComparison timestamps = compare(readings, PendingKeys.NONE);
        assertThat(timestamps.missingKeys()).containsExactly(key("at", "2024-01-02 03:14:05"));
        assertThat(timestamps.extraKeys()).containsExactly(key("at", "2024-01-02T03:14:06"));
        assertThat(timestamps.differingChunks()).isEqualTo(1);
    }

    @Test
    void shouldCountEveryTargetRowAsExtraWhenTheSourceIsEmpty() throws SQLException {
        sqlite("CREATE TABLE empty (id INTEGER PRIMARY KEY, v TEXT)");
        pg("CREATE TABLE %s.empty (id bigint PRIMARY KEY, v text)");
        pg("INSERT INTO %s.empty SELECT g, 'v' || g FROM generate_series(1, 250) g");
        TablePlan empty = plan("empty", pk("id"), column("id", "bigint"), column("v", "text"));

        TableComparison result = new FullComparator(schema, empty, CHUNK, 5).compare(source, pg, PendingKeys.NONE);

        assertThat(result.compared()).isZero();
        assertThat(result.extra()).isEqualTo(250);
        assertThat(result.extraKeys()).containsExactly(key("id", 1), key("id", 2), key("id", 3), key("id", 4),
                key("id", 5));
        assertThat(result.chunks()).isEqualTo(1);
        assertThat(result.differingChunks()).isEqualTo(1);
    }

    @Test
    void shouldCompareKeysOfMixedSqliteTypesByHashPartitions() throws SQLException {
        sqlite("CREATE TABLE mixed (k PRIMARY KEY, v TEXT)");
        pg("CREATE TABLE %s.mixed (k text PRIMARY KEY, v text)");
        try (PreparedStatement source = sqlite.prepareStatement("INSERT INTO mixed VALUES (?, ?)");
             PreparedStatement target = pg.prepareStatement(format("INSERT INTO %s.mixed VALUES (?, ?)"))) {
            for (int i = 1; i <= 150; i++) {
                for (Object k : List.of((long) i, "a" + i)) {
                    source.setObject(1, k);
                    source.setString(2, "v" + k);
                    source.executeUpdate();
                    target.setString(1, k.toString());
                    target.setString(2, "v" + k);
                    target.executeUpdate();
                }
            }
        }
        TablePlan mixed = plan("mixed", pk("k"), column("k", "text"), column("v", "text"));
        TableComparison equal = compare(mixed, PendingKeys.NONE);
        assertThat(equal.matches()).isTrue();
        assertThat(equal.equal()).isEqualTo(300);
        assertThat(equal.chunks()).as("hash partitions").isEqualTo(3);

        pg("DELETE FROM %s.mixed WHERE k = '7'");
        pg("UPDATE %s.mixed SET v = 'x' WHERE k = 'a9'");
        pg("INSERT INTO %s.mixed VALUES ('151', 'v151')");
        TableComparison changed = compare(mixed, PendingKeys.NONE);
        assertThat(changed.missingKeys()).containsExactly(key("k", 7));
        assertThat(changed.extraKeys()).containsExactly(key("k", "151"));
        assertThat(changed.differences()).extracting(Difference::key, Difference::column)
                .containsExactly(tuple(key("k", "a9"), "v"));
        assertThat(changed.equal()).isEqualTo(298);
        assertThat(readerThreadsLeft()).isEmpty();
    }

    @Test
    void shouldCountDifferingChunksBeyondTheRowByRowLimitFromTheirCounts() throws SQLException {
        sqlite("CREATE TABLE wide (id INTEGER PRIMARY KEY, v INTEGER)");
        sqlite("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 1200) "
                + "INSERT INTO wide SELECT i, i FROM g");
        pg("CREATE TABLE %s.wide (id bigint PRIMARY KEY, v bigint)");
        pg("INSERT INTO %s.wide SELECT g, -g FROM generate_series(1, 1200) g");
        TablePlan wide = plan("wide", pk("id"), column("id", "bigint"), column("v", "bigint"));

        TableComparison result = new FullComparator(schema, wide, 1, 3).compare(source, pg, PendingKeys.NONE);

        assertThat(result.chunks()).isEqualTo(1201);
        assertThat(result.differingChunks()).isEqualTo(1200);
        assertThat(result.different()).isEqualTo(1200);
        assertThat(result.equal()).isZero();
        assertThat(result.differences()).hasSize(3);
    }

    @Test
    void shouldStopBothReadersAndKeepTheInterruptWhenTheCallerIsInterrupted() throws Exception {
        sqlite("CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT)");
        sqlite("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 300000) "
                + "INSERT INTO big SELECT i, 'value ' || i FROM g");
        pg("CREATE TABLE %s.big (id bigint PRIMARY KEY, v text)");
        pg("INSERT INTO %s.big SELECT g, 'value ' || g FROM generate_series(1, 300000) g");
        TablePlan big = plan("big", pk("id"), column("id", "bigint"), column("v", "text"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                compare(big, PendingKeys.NONE);
            } catch (SQLException | RuntimeException e) {
                failure.set(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        while (readerThreads().size() < 2 && caller.isAlive()) {
            LockSupport.parkNanos(10_000_000);
        }
        caller.interrupt();
        caller.join(30_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(SQLException.class).hasMessageContaining("interrupted");
        assertThat(interruptKept).isTrue();
        assertThat(readerThreadsLeft()).isEmpty();
        assertThat(pg.getAutoCommit()).isTrue();
        assertThat(compare(big, PendingKeys.NONE).equal()).as("connections still usable").isEqualTo(300_000);
    }

    @Test
    void shouldPassOnFailuresOfEitherSideAndLeaveNoReaderRunning() throws SQLException {
        TablePlan items = items(500);
        pg("DROP TABLE %s.items");
        assertThatThrownBy(() -> compare(items, PendingKeys.NONE)).isInstanceOf(SQLException.class)
                .hasMessageContaining("items");
        assertThat(pg.getAutoCommit()).isTrue();
        assertThat(readerThreadsLeft()).isEmpty();

        TablePlan words = words(500);
        sqlite("DROP TABLE words");
        assertThatThrownBy(() -> compare(words, PendingKeys.NONE)).isInstanceOf(CutoverException.class)
                .hasMessageContaining("words");
        assertThat(readerThreadsLeft()).isEmpty();
        assertThat(compare(items(100), PendingKeys.NONE).matches()).as("connections still usable").isTrue();
    }

    // --- tables: created in SQLite, copied to PostgreSQL as the pipeline would convert them ---

    /** Every target type the plan knows, a generated column, integer key {@code id = 2, 4, ... 2n}. */
    private TablePlan items(int rows) throws SQLException {
        sqlite("DROP TABLE IF EXISTS items");
        sqlite("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL, amount TEXT, qty INTEGER, "
                + "active INTEGER, created TEXT, updated INTEGER, payload TEXT, raw BLOB, "
                + "total REAL GENERATED ALWAYS AS (price * qty) STORED)");
        pg("DROP TABLE IF EXISTS %s.items");
        pg("CREATE TABLE %s.items (id bigint PRIMARY KEY, name text, price double precision, amount numeric(10,2), "
                + "qty integer, active boolean, created timestamp, updated timestamptz, payload jsonb, raw bytea, "
                + "total double precision GENERATED ALWAYS AS (price * qty) STORED)");
        try (PreparedStatement insert = sqlite.prepareStatement("INSERT INTO items (id, name, price, amount, qty, "
                + "active, created, updated, payload, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            sqlite.setAutoCommit(false);
            for (int i = 1; i <= rows; i++) {
                Object[] row = {2L * i, "item " + i + (i % 7 == 0 ? " ünï" : ""), i / 7.0 + 0.1,
                        i + "." + (i % 10) + "0", (long) (i % 13), (long) (i % 2),
                        SQLITE_TIME.format(START.plusMinutes(i)), 1_704_164_645_123L + i * 1000L,
                        "{\"b\": " + i + ", \"a\": \"x" + i + "\"}", i % 11 == 0 ? null : new byte[] {(byte) i, 0x7f}};
                bind(insert, row);
                insert.executeUpdate();
            }
            sqlite.commit();
        } finally {
            sqlite.setAutoCommit(true);
        }
        copy("SELECT id, name, price, amount, qty, active, created, updated, payload, raw FROM items",
                "INSERT INTO %s.items (id, name, price, amount, qty, active, created, updated, payload, raw) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)",
                v -> v, v -> v, v -> v, v -> new BigDecimal((String) v), v -> v, v -> ((Long) v) == 1,
                FullComparatorIT::timestamp, v -> Instant.ofEpochMilli((Long) v).atOffset(ZoneOffset.UTC), v -> v,
                v -> v);
        return plan("items", pk("id"), column("id", "bigint"), column("name", "text"),
                column("price", "double precision"), column("amount", "numeric(10,2)"), column("qty", "integer"),
                column("active", "boolean"), column("created", "timestamp"),
                dates(column("updated", "timestamp with time zone"), NumericDates.EPOCH_MILLIS),
                column("payload", "jsonb"), column("raw", "bytea"),
                new ColumnPlan("total", "total", "REAL", "double precision", false, null, "price * qty", false, null,
                        null, null));
    }

    private void insertItem(long id) throws SQLException {
        pg(format("INSERT INTO %s.items (id, name, price, amount, qty, active, created, updated, payload, raw) "
                + "VALUES (" + id + ", 'new', 1.5, 1, 1, true, now(), now(), '{}', NULL)"));
    }

    /** Text keys under prefixes whose byte order differs from UTF-16's and from linguistic collations. */
    private TablePlan words(int rows) throws SQLException {
        sqlite("DROP TABLE IF EXISTS words");
        sqlite("CREATE TABLE words (code TEXT PRIMARY KEY, n INTEGER)");
        pg("DROP TABLE IF EXISTS %s.words");
        pg("CREATE TABLE %s.words (code text " + linguisticCollation() + " PRIMARY KEY, n bigint)");
        try (PreparedStatement insert = sqlite.prepareStatement("INSERT INTO words VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                bind(insert, new Object[] {PREFIXES.get(i % PREFIXES.size()) + "-" + i, (long) i});
                insert.executeUpdate();
            }
        }
        copy("SELECT code, n FROM words", "INSERT INTO %s.words VALUES (?, ?)", v -> v, v -> v);
        return plan("words", pk("code"), column("code", "text"), column("n", "bigint"));
    }

    /** A composite key: text, then integer. */
    private TablePlan lines() throws SQLException {
        sqlite("CREATE TABLE lines (region TEXT, seq INTEGER, sku TEXT, PRIMARY KEY (region, seq))");
        pg("CREATE TABLE %s.lines (region text " + linguisticCollation() + ", seq integer, sku text, "
                + "PRIMARY KEY (region, seq))");
        sqlite("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 600) "
                + "INSERT INTO lines SELECT r.column1, i, 'sku-' || i FROM g, "
                + "(VALUES ('north'), ('South'), ('ost'), ('Ürdün')) r");
        copy("SELECT region, seq, sku FROM lines", "INSERT INTO %s.lines VALUES (?, ?, ?)", v -> v, v -> v, v -> v);
        return plan("lines", pk("region", "seq"), column("region", "text"), column("seq", "integer"),
                column("sku", "text"));
    }

    /** No primary key: keyed by rowid (with a gap), kept in {@code _cutover_rowid}; a timestamptz column. */
    private TablePlan events() throws SQLException {
        sqlite("CREATE TABLE events (kind TEXT, at TEXT)");
        sqlite("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 2000) "
                + "INSERT INTO events SELECT 'kind ' || (i % 5), strftime('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i * 60, "
                + "'unixepoch') FROM g");
        sqlite("DELETE FROM events WHERE rowid = 10");
        pg("CREATE TABLE %s.events (_cutover_rowid bigint UNIQUE NOT NULL, kind text, at timestamptz)");
        copy("SELECT rowid, kind, at FROM events", "INSERT INTO %s.events VALUES (?, ?, ?)", v -> v, v -> v,
                v -> OffsetDateTime.parse((String) v));
        return new TablePlan("events", "events",
                new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"), List.of(KeyPlan.ROWID_COLUMN)),
                List.of(column("kind", "text"), column("at", "timestamp with time zone")), List.of(), List.of(),
                List.of(), 0, List.of());
    }

    /** A timestamp key, stored as text in SQLite. */
    private TablePlan readings() throws SQLException {
        sqlite("CREATE TABLE readings (at TEXT PRIMARY KEY, value REAL)");
        sqlite("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 1000) "
                + "INSERT INTO readings SELECT datetime('2024-01-02 03:04:05', '+' || i || ' minutes'), i / 3.0 FROM g");
        pg("CREATE TABLE %s.readings (at timestamp PRIMARY KEY, value double precision)");
        copy("SELECT at, value FROM readings", "INSERT INTO %s.readings VALUES (?, ?)", FullComparatorIT::timestamp,
                v -> v);
        return plan("readings", pk("at"), column("at", "timestamp"), column("value", "double precision"));
    }

    // --- helpers ---

    private TableComparison compare(TablePlan table, PendingKeys pending) throws SQLException {
        return new FullComparator(schema, table, CHUNK, EXAMPLES).compare(source, pg, pending);
    }

    /** An ICU collation under which text sorts otherwise than bytewise, when this PostgreSQL has ICU. */
    private String linguisticCollation() throws SQLException {
        try (Statement statement = pg.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'")) {
            return rs.next() ? "COLLATE \"und-x-icu\"" : "";
        }
    }

    /** Copies rows from SQLite to PostgreSQL, converting each column as the transformer would. */
    @SafeVarargs
    private void copy(String select, String insert, Function<Object, Object>... converters) throws SQLException {
        try (Statement read = sqlite.createStatement(); ResultSet rs = read.executeQuery(select);
             PreparedStatement write = pg.prepareStatement(format(insert))) {
            while (rs.next()) {
                Object[] row = new Object[converters.length];
                for (int i = 0; i < row.length; i++) {
                    Object value = rs.getObject(i + 1);
                    value = value instanceof Integer n ? Long.valueOf(n) : value;
                    row[i] = value == null ? null : converters[i].apply(value);
                }
                bind(write, row);
                write.addBatch();
            }
            write.executeBatch();
        }
    }

    private static Object timestamp(Object sqliteText) {
        return LocalDateTime.parse(((String) sqliteText).replace(' ', 'T'));
    }

    private static void bind(PreparedStatement statement, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            statement.setObject(i + 1, row[i]);
        }
    }

    private long count(TablePlan table) throws SQLException {
        try (Statement statement = sqlite.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table.source())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sqlite(String sql) throws SQLException {
        try (Statement statement = sqlite.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs PostgreSQL SQL with {@code %s} standing for this test's schema. */
    private void pg(String sql) throws SQLException {
        try (Statement statement = pg.createStatement()) {
            statement.execute(format(sql));
        }
    }

    private String format(String sql) {
        return sql.replace("%s", schema);
    }

    /**
     * Reader threads still alive once they have had a moment to exit: the comparison returns when its pool has
     * terminated, and a pool terminates when its workers have finished their last task, a moment before their
     * threads end.
     */
    private static List<String> readerThreadsLeft() {
        long deadline = System.currentTimeMillis() + 5_000;
        List<String> left = readerThreads();
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(10_000_000);
            left = readerThreads();
        }
        return left;
    }

    private static List<String> readerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("cutover-validate-")).toList();
    }

    private static String key(String column, Object value) {
        return RowKey.json(List.of(column), new Object[] {value});
    }

    private static KeyPlan pk(String... columns) {
        return new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, Arrays.asList(columns), Arrays.asList(columns));
    }

    private static ColumnPlan column(String name, String targetType) {
        return new ColumnPlan(name, name, "", targetType, false, null, null, false, null, null, null);
    }

    private static ColumnPlan dates(ColumnPlan column, NumericDates numericDates) {
        return new ColumnPlan(column.source(), column.target(), column.declaredType(), column.targetType(),
                column.notNull(), column.defaultSql(), column.generatedSql(), column.identity(), numericDates, null,
                null);
    }

    private static TablePlan plan(String name, KeyPlan key, ColumnPlan... columns) {
        return new TablePlan(name, name, key, new ArrayList<>(List.of(columns)), List.of(), List.of(), List.of(), 0,
                List.of());
    }
}
