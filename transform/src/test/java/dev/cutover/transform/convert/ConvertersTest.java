package dev.cutover.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.NumericDates;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConvertersTest {

    private static ColumnPlan column(String name, String targetType, NumericDates numericDates) {
        return new ColumnPlan(name, name, "", targetType, false, null, null, false, numericDates, null, null);
    }

    @Test
    void shouldBuildAConverterFromTheColumnPlan() {
        ColumnConverter converter = Converters.forColumn(column("createdAt", "timestamp(3)", NumericDates.EPOCH_MILLIS));
        assertThat(converter.convert(1700000000123L)).isEqualTo("2023-11-14 22:13:20.123");
        assertThatThrownBy(() -> converter.convert("soon"))
                .isInstanceOf(ConversionException.class)
                .hasMessageStartingWith("column \"createdAt\" (timestamp(3)): TEXT \"soon\" is not a date");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bigint | BIGINT",
        "int8 | BIGINT",
        "bigserial | BIGINT",
        "integer | INTEGER",
        "INT | INTEGER",
        "int4 | INTEGER",
        "serial | INTEGER",
        "smallint | SMALLINT",
        "int2 | SMALLINT",
        "double precision | DOUBLE",
        "DOUBLE   PRECISION | DOUBLE",
        "float8 | DOUBLE",
        "float | DOUBLE",
        "float(53) | DOUBLE",
        "float(24) | REAL",
        "real | REAL",
        "float4 | REAL",
        "numeric | NUMERIC",
        "numeric(10,2) | NUMERIC",
        "numeric( 10 , 2 ) | NUMERIC",
        "decimal(5) | NUMERIC",
        "boolean | BOOLEAN",
        "bool | BOOLEAN",
        "text | TEXT",
        "varchar(160) | TEXT",
        "character varying(20) | TEXT",
        "char(3) | TEXT",
        "citext | TEXT",
        "name | TEXT",
        "bytea | BYTEA",
        "date | DATE",
        "timestamp | TIMESTAMP",
        "timestamp(3) | TIMESTAMP",
        "timestamp without time zone | TIMESTAMP",
        "timestamp(3) without time zone | TIMESTAMP",
        "timestamp with time zone | TIMESTAMP",
        "timestamptz | TIMESTAMP",
        "pg_catalog.timestamptz | TIMESTAMP",
        "time | TIME",
        "time(3) without time zone | TIME",
        "jsonb | JSON",
        "json | JSON",
        "uuid | UUID",
        "text[] | ARRAY",
        "integer[3] | ARRAY",
        "character varying(20)[] | ARRAY",
        "\"Mood\"[] | ARRAY",
        "\"Mood\" | PASS",
        "public.mood | PASS",
        "interval | PASS",
        "inet | PASS",
        "point | PASS",
        "time with time zone | PASS",
        "bit(3) | BIT",
        "bit varying | BIT",
    })
    void shouldChooseTheConverterByBaseTypeName(String type, String family) {
        Class<?> expected = switch (family) {
            case "BIGINT", "INTEGER", "SMALLINT" -> IntegerConverter.class;
            case "DOUBLE", "REAL" -> FloatConverter.class;
            case "NUMERIC" -> NumericConverter.class;
            case "BOOLEAN" -> BooleanConverter.class;
            case "TEXT" -> TextConverter.class;
            case "BYTEA" -> ByteaConverter.class;
            case "DATE" -> DateConverter.class;
            case "TIMESTAMP" -> TimestampConverter.class;
            case "TIME" -> TimeConverter.class;
            case "JSON" -> JsonConverter.class;
            case "UUID" -> UuidConverter.class;
            case "ARRAY" -> ArrayConverter.class;
            case "BIT" -> BitConverter.class;
            default -> PassThroughConverter.class;
        };
        assertThat(Convert.to(type)).isInstanceOf(expected);
    }

    @Test
    void shouldReadFloatPrecisionAsRealOrDouble() {
        Convert.fails("float(24)", 0.1, "cannot be held exactly by float(24)");
        assertThat(Convert.convert("float(25)", 0.1)).isEqualTo("0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "numeric(a)", "numeric(10,2,1)", "numeric(0)", "numeric(1001)", "varchar(0)",
        "varchar(-1)", "timestamp(7)", "time(-1)", "float(54)", "float(0)", "numeric(10", "text]", "char(1,2)"})
    void shouldRefuseTargetTypesItCannotRead(String type) {
        assertThatThrownBy(() -> Converters.forColumn(column("c", type, null)))
                .isInstanceOf(CutoverException.class)
                .isNotInstanceOf(ConversionException.class)
                .hasMessageStartingWith("column \"c\": targetType '" + type + "' is not a PostgreSQL type")
                .hasMessageEndingWith("fix it in plan.json")
                .satisfies(e -> assertThat(((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_CONFIGURATION));
    }

    @Test
    void shouldTakeTypeNamesApart() {
        TargetType type = TargetType.parse("  Character Varying ( 20 ) [ ] ");
        assertThat(type.base()).isEqualTo("character varying");
        assertThat(type.modifiers()).isEqualTo(List.of(20));
        assertThat(type.dimensions()).isEqualTo(1);
        assertThat(type.element().text()).isEqualTo("Character Varying ( 20 )");
        TargetType timestamp = TargetType.parse("timestamp(3) with time zone");
        assertThat(timestamp.base()).isEqualTo("timestamp with time zone");
        assertThat(timestamp.modifiers()).isEqualTo(List.of(3));
        TargetType quoted = TargetType.parse("public.\"My Type\"[]");
        assertThat(quoted.base()).isEqualTo("public.\"My Type\"");
        assertThat(quoted.quoted()).isTrue();
        assertThat(quoted.element().text()).isEqualTo("public.\"My Type\"");
    }

    @Test
    void shouldShareConvertersBetweenThreads() throws InterruptedException {
        ColumnConverter converter = Convert.to("timestamp", NumericDates.EPOCH_SECONDS);
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (long s = 0; s < 20_000; s++) {
                    String expected = CivilTime.formatTimestamp(s * 1_000_000, false);
                    if (!expected.equals(converter.convert(s))
                            || !"2021-01-01 00:00:00".equals(converter.convert("2021-01-01T00:00:00Z"))) {
                        wrong.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }

    @Test
    void shouldTellWhatATargetTypeTakesFromASourceWhoseValuesCarryTheirTypes() {
        assertThat(Converters.inputKind("jsonb")).isEqualTo(Converters.InputKind.JSON);
        assertThat(Converters.inputKind("JSON")).isEqualTo(Converters.InputKind.JSON);
        assertThat(Converters.inputKind("character varying(20)")).isEqualTo(Converters.InputKind.TEXT);
        assertThat(Converters.inputKind("uuid[]")).isEqualTo(Converters.InputKind.UUID);
        assertThat(Converters.inputKind("pg_catalog.bytea")).isEqualTo(Converters.InputKind.BYTEA);
        assertThat(Converters.inputKind("\"public\".\"text\"")).isEqualTo(Converters.InputKind.OTHER);
        assertThat(Converters.inputKind("timestamp(3)")).isEqualTo(Converters.InputKind.OTHER);
        assertThat(Converters.isArray("timestamp(3)[]")).isTrue();
        assertThat(Converters.isArray("text")).isFalse();
        assertThatThrownBy(() -> Converters.inputKind("numeric(")).isInstanceOf(CutoverException.class)
                .hasMessageContaining("targetType 'numeric('");
    }
}
