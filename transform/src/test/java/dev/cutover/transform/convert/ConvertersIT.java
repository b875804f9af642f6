package dev.cutover.transform.convert;

import static dev.cutover.schemas.plan.NumericDates.EPOCH_MILLIS;
import static dev.cutover.schemas.plan.NumericDates.EPOCH_SECONDS;
import static dev.cutover.schemas.plan.NumericDates.JULIAN_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.plan.NumericDates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves against a real PostgreSQL 17 that converter output is accepted by {@code ?::type} and reads back equal to the
 * source value. Values are written in a session whose time zone is not UTC and read back in UTC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertersIT {
    private EmbeddedPostgres postgres;
    private Connection connection;

    @BeforeAll
    void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        connection = postgres.getPostgresDatabase().getConnection();
        execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
        execute("SET DateStyle = 'ISO, MDY'");
    }

    @AfterAll
    void stopPostgres() throws IOException, SQLException {
        if (connection != null) {
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Arguments> textCases() {
        return Stream.of(
                c("bigint", Long.MAX_VALUE, "9223372036854775807"),
                c("bigint", Long.MIN_VALUE, "-9223372036854775808"),
                c("integer", " +007 ", "7"),
                c("smallint", -32768.0, "-32768"),
                c("numeric", 0.99, "0.99"),
                c("numeric", 0.1 + 0.2, "0.30000000000000004"),
                c("numeric", Long.MIN_VALUE, "-9223372036854775808"),
                c("numeric", "1.50", "1.50"),
                c("numeric", "1e3", "1000"),
                c("numeric", 1e20, "100000000000000000000"),
                c("numeric", Double.MIN_VALUE, "0." + "0".repeat(323) + "5"),
                c("numeric", Double.NEGATIVE_INFINITY, "-Infinity"),
                c("numeric(10,2)", "12.34", "12.34"),
                c("numeric(10,2)", 19.99, "19.99"),
                c("numeric(5,2)", 999.99, "999.99"),
                c("numeric(2,-3)", 12000L, "12000"),
                c("boolean", 1L, "true"),
                c("boolean", " OFF ", "false"),
                c("text", "Ünïcødé 🎉 \"q\" \\ tab\t end", "Ünïcødé 🎉 \"q\" \\ tab\t end"),
                c("text", 3.0, "3.0"),
                c("text", 1e-7, "1.0e-07"),
                c("text", 0.1 + 0.2, "0.30000000000000004"),
                c("text", -42L, "-42"),
                c("varchar(3)", "🎉🎉🎉", "🎉🎉🎉"),
                c("character varying(5)", "abcde", "abcde"),
                c("char(3)", "ab", "ab"),
                c("char(3)", "abc   ", "abc"),
                c("name", "n".repeat(63), "n".repeat(63)),
                c("uuid", "{123E4567-E89B-12D3-A456-426614174000}", "123e4567-e89b-12d3-a456-426614174000"),
                c("uuid", Values.blob(0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17,
                        0x40, 0x00), "123e4567-e89b-12d3-a456-426614174000"),
                c("json", "{\"b\": 1, \"a\": [1, 2.50, \"x\\u00e9\"], \"b\": 2}",
                        "{\"b\": 1, \"a\": [1, 2.50, \"x\\u00e9\"], \"b\": 2}"),
                c("json", "{\"nul\": \"x\\u0000\"}", "{\"nul\": \"x\\u0000\"}"),
                c("jsonb", "{\"b\": 1, \"a\": [1, 2.50, \"x\\u00e9\"]}", "{\"a\": [1, 2.50, \"xé\"], \"b\": 1}"),
                c("jsonb", "\"\\ud83c\\udf89\"", "\"🎉\""),
                c("json", 1e-7, "1.0e-07"),
                c("jsonb", 1e-7, "0.00000010"),  // jsonb keeps numbers as numeric: same value, its own text
                c("jsonb", 3.0, "3.0"),
                c("date", "2024-02-29", "2024-02-29"),
                c("date", "2021-01-02T02:00:00+02:00", "2021-01-02"),
                c("date", "0001-01-01", "0001-01-01"),
                c("date", "9999-12-31", "9999-12-31"),
                c("date", EPOCH_SECONDS, -86400L, "1969-12-31"),
                c("date", JULIAN_DAY, 2460000.5, "2023-02-25"),
                c("timestamp", "2021-01-01 00:00:00", "2021-01-01 00:00:00"),
                c("timestamp", "2021-03-04T05:06:07.123+02:00", "2021-03-04 03:06:07.123"),
                c("timestamp", "2021-03-04T05:06:07Z", "2021-03-04 05:06:07"),
                c("timestamp", "0001-01-01 00:00:00", "0001-01-01 00:00:00"),
                c("timestamp", "9999-12-31 23:59:59.999999", "9999-12-31 23:59:59.999999"),
                c("timestamp(3)", EPOCH_MILLIS, 1700000000123L, "2023-11-14 22:13:20.123"),
                c("timestamp", EPOCH_SECONDS, 1700000000L, "2023-11-14 22:13:20"),
                c("timestamp", EPOCH_SECONDS, -1L, "1969-12-31 23:59:59"),
                c("timestamp", EPOCH_SECONDS, 1700000000.123, "2023-11-14 22:13:20.123"),
                c("timestamp", EPOCH_SECONDS, 1700000000.1234567, "2023-11-14 22:13:20.123457"),
                c("timestamp", JULIAN_DAY, 2459216.024268391, "2021-01-01 12:34:56.789"),
                c("timestamp(0) without time zone", "2021-01-01 10:00:00.000", "2021-01-01 10:00:00"),
                c("timestamptz", "2021-01-01 00:00:00", "2021-01-01 00:00:00+00"),
                c("timestamp with time zone", "2021-03-04T05:06:07.5-05:30", "2021-03-04 10:36:07.5+00"),
                c("timestamptz(3)", EPOCH_MILLIS, -1L, "1969-12-31 23:59:59.999+00"),
                c("time", "24:00:00", "24:00:00"),
                c("time", "10:20", "10:20:00"),
                c("time(3) without time zone", "10:20:30.125", "10:20:30.125"),
                c("mood", "happy", "happy"),
                c("interval", "1 day 02:00:00", "1 day 02:00:00"),
                c("inet", "192.168.0.1/24", "192.168.0.1/24"),
                c("bit(4)", "1010", "1010"),
                c("bit varying(8)", "xA5", "10100101"));
    }

    @ParameterizedTest(name = "{0} <- {2}")
    @MethodSource("textCases")
    void shouldReadBackWhatTheConverterWrote(String type, NumericDates dates, Object raw, String expected)
            throws SQLException {
        String text = roundTrip(type, dates, raw, "v::text", ResultSet::getString);
        assertThat(text).isEqualTo(expected);
    }

    static Stream<Arguments> doubleCases() {
        return Stream.of(0.1 + 0.2, 1e-7, 5e-324, 1.7976931348623157e308, 9007199254740993.0, -0.0, 3.0,
                123.456, 2.2250738585072014e-308, Math.PI, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                1700000000.1234567).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("doubleCases")
    void shouldStoreRealsBitForBit(double value) throws SQLException {
        long bits = readFloat8Bits("double precision", value);
        assertThat(Double.longBitsToDouble(bits)).isEqualTo(value);
        assertThat(bits).isEqualTo(Double.doubleToRawLongBits(value));
    }

    @Test
    void shouldStoreIntegersAndTextIntoFloatsExactly() throws SQLException {
        assertThat(readFloat8Bits("double precision", 9007199254740992L)).isEqualTo(Double.doubleToRawLongBits(0x1p53));
        assertThat(readFloat8Bits("float8", 1L << 60)).isEqualTo(Double.doubleToRawLongBits(0x1p60));
        assertThat(readFloat8Bits("double precision", "0.30000000000000004"))
                .isEqualTo(Double.doubleToRawLongBits(0.1 + 0.2));
        assertThat(readFloat4Bits(0.1f)).isEqualTo(Float.floatToRawIntBits(0.1f));
        assertThat(readFloat4Bits(Float.MIN_VALUE)).isEqualTo(Float.floatToRawIntBits(Float.MIN_VALUE));
        assertThat(readFloat4Bits(-0.0f)).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void shouldStoreBytesUnchanged() throws SQLException {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(readBytes(ByteBuffer.wrap(all))).isEqualTo(all);
        assertThat(readBytes("é\0")).isEqualTo("é\0".getBytes(StandardCharsets.UTF_8));
        assertThat(readBytes(Values.invalidText(0xc3, 0x28))).containsExactly(0xc3, 0x28);
    }

    @Test
    void shouldStoreArraysElementByElement() throws SQLException {
        assertThat(readArray("text[]", "[\"a\", \"b \\\"c\\\"\", null, \"NULL\", \"{,}\", \"back\\\\slash\", \"\", \" sp \"]"))
                .containsExactly("a", "b \"c\"", null, "NULL", "{,}", "back\\slash", "", " sp ");
        assertThat(readArray("integer[]", "[1, -2, null, \"3\"]")).containsExactly("1", "-2", null, "3");
        assertThat(readArray("numeric[]", "[0.1, 1e3]")).containsExactly("0.1", "1000");
        assertThat(readArray("varchar(2)[]", "[\"ab\"]")).containsExactly("ab");
        assertThat(readArray("mood[]", "[\"sad\"]")).containsExactly("sad");
        assertThat(readArray("bytea[]", "[\"AB\"]")).containsExactly("\\x4142");
        assertThat(readArray("timestamptz[]", "[\"2021-01-01T00:00:00+01:00\"]")).containsExactly("2020-12-31 23:00:00+00");
        assertThat(readArray("text[]", "[]")).isEmpty();
    }

    @Test
    void shouldStoreNull() throws SQLException {
        boolean integerNull = roundTrip("integer", null, null, "v IS NULL", ResultSet::getBoolean);
        boolean byteaNull = roundTrip("bytea", null, null, "v IS NULL", ResultSet::getBoolean);
        assertThat(integerNull).isTrue();
        assertThat(byteaNull).isTrue();
    }

    /** The PostgreSQL behaviours the converters' refusals are there for: without them, values would change. */
    @Nested
    class PostgresBehavioursTheRulesRelyOn {

        @Test
        void explicitCastsCutAndRoundSilently() throws SQLException {
            assertThat(query("SELECT 'abcd'::varchar(3)")).isEqualTo("abc");
            assertThat(query("SELECT 'abcd'::char(3)::text")).isEqualTo("abc");
            assertThat(query("SELECT '12.345'::numeric(10,2)::text")).isEqualTo("12.35");
            assertThat(query("SELECT '2021-01-01 10:00:00.1234567'::timestamp::text")).isEqualTo("2021-01-01 10:00:00.123457");
            assertThat(query("SELECT '2021-01-01 10:00:00.5'::timestamp(0)::text")).isEqualTo("2021-01-01 10:00:01");
            assertThat(query("SELECT '101'::bit(4)::text")).isEqualTo("1010");
            assertThat(query("SELECT repeat('n', 70)::name::text")).hasSize(63);
        }

        @Test
        void rollsOverHour24AndLeapSeconds() throws SQLException {
            assertThat(query("SELECT '2021-01-01 24:00:00'::timestamp::text")).isEqualTo("2021-01-02 00:00:00");
            assertThat(query("SELECT '2021-01-01 23:59:60'::timestamp::text")).isEqualTo("2021-01-02 00:00:00");
        }

        @Test
        void jsonbDropsDuplicateKeysAndRefusesEscapedNulAndLoneSurrogates() throws SQLException {
            assertThat(query("SELECT '{\"a\": 1, \"a\": 2}'::jsonb::text")).isEqualTo("{\"a\": 2}");
            assertThatThrownBy(() -> query("SELECT '\"\\u0000\"'::jsonb")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> query("SELECT '\"\\ud800\"'::jsonb")).isInstanceOf(SQLException.class);
            assertThat(query("SELECT '\"\\ud800\"'::json::text")).isEqualTo("\"\\ud800\"");
        }
    }

    private static Arguments c(String type, Object raw, String expected) {
        return Arguments.of(type, null, raw, expected);
    }

    private static Arguments c(String type, NumericDates dates, Object raw, String expected) {
        return Arguments.of(type, dates, raw, expected);
    }

    @FunctionalInterface
    private interface Column<T> {
        T read(ResultSet rows, int column) throws SQLException;
    }

    /** Writes the converted value into a fresh table through {@code ?::type} in a non-UTC session; reads it in UTC. */
    private <T> T roundTrip(String type, NumericDates dates, Object raw, String select, Column<T> column)
            throws SQLException {
        Object converted = Convert.to(type, dates).convert(raw);
        execute("DROP TABLE IF EXISTS t");
        execute("CREATE TABLE t (v " + type + ")");
        execute("SET TimeZone = 'Pacific/Chatham'");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?::" + type + ")")) {
            if (converted instanceof ByteBuffer bytes) {
                insert.setBytes(1, ValueText.bytes(bytes));
            } else {
                insert.setString(1, converted == null ? null : converted.toString());
            }
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        execute("SET TimeZone = 'UTC'");
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + select + " FROM t")) {
            assertThat(rows.next()).isTrue();
            return column.read(rows, 1);
        }
    }

    private long readFloat8Bits(String type, Object raw) throws SQLException {
        return ByteBuffer.wrap(roundTrip(type, null, raw, "float8send(v)", ResultSet::getBytes)).getLong();
    }

    private int readFloat4Bits(float value) throws SQLException {
        return ByteBuffer.wrap(roundTrip("real", null, (double) value, "float4send(v)", ResultSet::getBytes)).getInt();
    }

    private byte[] readBytes(Object raw) throws SQLException {
        return roundTrip("bytea", null, raw, "v", ResultSet::getBytes);
    }

    private List<String> readArray(String type, String json) throws SQLException {
        String[] elements = roundTrip(type, null, json, "array(SELECT e::text FROM unnest(v) e)::text[]",
                (rows, i) -> (String[]) rows.getArray(i).getArray());
        return new ArrayList<>(Arrays.asList(elements));
    }

    private String query(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
