package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.NumericDates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite stores what it is given; the planned type follows the values, and says why. */
class TypeWideningTest {
    @TempDir
    Path dir;

    private ColumnPlan column(String declared, String... values) {
        String[] statements = new String[values.length + 1];
        statements[0] = "CREATE TABLE t (c " + declared + ")";
        for (int i = 0; i < values.length; i++) {
            statements[i + 1] = "INSERT INTO t VALUES (" + values[i] + ")";
        }
        return plan(SqliteFixture.create(dir, statements)).tables().get(0).columns().get(0);
    }

    @Test
    void shouldKeepTheMappedTypeWhenEveryValueFits() {
        ColumnPlan column = column("SMALLINT", "1", "-32768", "32767", "NULL");
        assertThat(column.targetType()).isEqualTo("smallint");
        assertThat(column.note()).isNull();
        assertThat(column.profile()).satisfies(p -> {
            assertThat(p.integers()).isEqualTo(3);
            assertThat(p.nulls()).isEqualTo(1);
            assertThat(p.minInteger()).isEqualTo(-32768L);
            assertThat(p.maxInteger()).isEqualTo(32767L);
            assertThat(p.invalid()).isZero();
        });
    }

    @Test
    void shouldWidenIntegersByRange() {
        assertThat(column("SMALLINT", "40000").targetType()).isEqualTo("integer");
        ColumnPlan extremes = column("SMALLINT", "9223372036854775807", "-9223372036854775808");
        assertThat(extremes.targetType()).isEqualTo("bigint");
        assertThat(extremes.note()).contains("SMALLINT", "-9223372036854775808", "9223372036854775807");
        assertThat(column("MEDIUMINT", "3000000000").targetType()).isEqualTo("bigint");
    }

    @Test
    void shouldWidenIntegerColumnsHoldingTextToText() {
        ColumnPlan column = column("INTEGER", "1", "'n/a'", "' 12abc'");
        assertThat(column.targetType()).isEqualTo("text");
        assertThat(column.note()).contains("INTEGER", "2 TEXT values are not numbers", "nothing is lost");
        assertThat(column.profile().texts()).isEqualTo(2);
    }

    @Test
    void shouldWidenIntegerColumnsHoldingRealsToDoublePrecisionOrNumeric() {
        ColumnPlan doubles = column("INT", "1", "2.5");
        assertThat(doubles.targetType()).isEqualTo("double precision");
        assertThat(doubles.note()).contains("1 REAL values");
        assertThat(column("INT", "9007199254740992", "2.5").targetType()).isEqualTo("double precision");
        assertThat(column("INT", "9007199254740993", "2.5").targetType()).as("beyond 2^53").isEqualTo("numeric");
    }

    @Test
    void shouldWidenDatesWithATimeOfDayToTimestamp() {
        ColumnPlan column = column("DATE", "'2024-01-01'", "'2024-01-02 10:30:00'");
        assertThat(column.targetType()).isEqualTo("timestamp");
        assertThat(column.note()).contains("DATE", "1 values have a time of day");
        assertThat(column("DATE", "'2024-01-01'", "'2024-02-29T00:00:00.000Z'").targetType()).isEqualTo("date");
        assertThat(column("DATE", "1704067200", "1704153600").targetType()).as("midnight epochs").isEqualTo("date");
        assertThat(column("DATE", "1704067201").targetType()).isEqualTo("timestamp");
    }

    @Test
    void shouldKeepUnparseableDatesAsText() {
        ColumnPlan column = column("DATETIME", "'2024-01-01 10:00:00'", "'yesterday'", "'2023-02-30'");
        assertThat(column.targetType()).isEqualTo("text");
        assertThat(column.note()).contains("2 TEXT values are not ISO-8601 dates");
        assertThat(column("DATETIME", "'2024-01-01T10:00:00.123+02:00'", "'2024-01-01 10:00'").targetType())
                .isEqualTo("timestamp");
        assertThat(column("TIME", "'10:00'", "'23:59:59.5'").targetType()).isEqualTo("time");
        assertThat(column("TIME", "'10:00'", "'noon'").targetType()).isEqualTo("text");
    }

    @Test
    void shouldKeepJsonWithOneInvalidValueAsText() {
        assertThat(column("JSON", "'{\"a\": [1, 2]}'", "'\"s\"'", "'42'").targetType()).isEqualTo("jsonb");
        ColumnPlan invalid = column("JSON", "'{\"a\": 1}'", "'{not json}'");
        assertThat(invalid.targetType()).isEqualTo("text");
        assertThat(invalid.note()).contains("1 TEXT values are not JSON");
    }

    @Test
    void shouldWidenVarcharWhenAValueIsLonger() {
        assertThat(column("VARCHAR(3)", "'abc'", "'äöü'").targetType()).as("characters, not bytes").isEqualTo("varchar(3)");
        ColumnPlan column = column("VARCHAR(3)", "'abc'", "'abcd'");
        assertThat(column.targetType()).isEqualTo("text");
        assertThat(column.note()).contains("up to 4 characters");
        assertThat(column.profile().maxTextLength()).isEqualTo(4L);
    }

    @Test
    void shouldWidenBooleansHoldingOtherNumbers() {
        assertThat(column("BOOLEAN", "0", "1", "'true'", "'f'").targetType()).isEqualTo("boolean");
        ColumnPlan counts = column("BOOLEAN", "0", "1", "2");
        assertThat(counts.targetType()).isEqualTo("smallint");
        assertThat(counts.note()).contains("integers other than 0 and 1");
        assertThat(column("BOOLEAN", "0", "5000000000").targetType()).isEqualTo("bigint");
        assertThat(column("BOOLEAN", "0", "'maybe'").targetType()).isEqualTo("text");
        assertThat(column("BOOLEAN", "0", "0.5").targetType()).isEqualTo("double precision");
    }

    @Test
    void shouldWidenNumericWhenValuesDoNotFitPrecisionOrScale() {
        assertThat(column("NUMERIC(5,2)", "123.45", "-999.99", "7").targetType()).isEqualTo("numeric(5,2)");
        ColumnPlan tooPrecise = column("NUMERIC(5,2)", "1.234");
        assertThat(tooPrecise.targetType()).isEqualTo("numeric");
        assertThat(tooPrecise.note()).contains("do not fit numeric(5,2)");
        assertThat(column("DECIMAL(5,2)", "1000").targetType()).isEqualTo("numeric");
        assertThat(column("NUMERIC(3,0)", "-9223372036854775808").targetType()).isEqualTo("numeric");
    }

    /** The planner judges REALs by the transformer's rule: float noise is rounded there, so it fits the column. */
    @Test
    void shouldKeepNumericWhenItsRealsCarryOnlyFloatNoise() {
        assertThat(column("NUMERIC(12,2)", "0.84 + 1.0", "-0.84 - 1.0", "0.1 + 0.2", "19.99").targetType())
                .isEqualTo("numeric(12,2)");
        ColumnPlan overPrecise = column("NUMERIC(12,2)", "0.84 + 1.0", "1.005");
        assertThat(overPrecise.targetType()).isEqualTo("numeric");
        assertThat(overPrecise.note()).contains("1 values do not fit numeric(12,2)");
        assertThat(column("NUMERIC(5,2)", "999.9999999999999").targetType()).as("rounds to 1000.00, too large")
                .isEqualTo("numeric");
    }

    @Test
    void shouldKeepUuidsOnlyWhenEveryValueIsOne() {
        assertThat(column("UUID", "'123e4567-e89b-12d3-a456-426614174000'").targetType()).isEqualTo("uuid");
        assertThat(column("UUID", "'123e4567-e89b-12d3-a456-426614174000'", "'nope'").targetType()).isEqualTo("text");
    }

    @Test
    void shouldNotWidenForBlobsButCountThemAsInvalid() {
        ColumnPlan column = column("INTEGER", "1", "X'00'");
        assertThat(column.targetType()).isEqualTo("bigint");
        assertThat(column.profile().invalid()).isEqualTo(1);
        assertThat(column.note()).contains("1 BLOB values", "error log");
        ColumnPlan allBlobs = column("TEXT", "X'00'", "X'01'");
        assertThat(allBlobs.targetType()).isEqualTo("bytea");
        assertThat(allBlobs.note()).contains("every value is a BLOB");
    }

    @Test
    void shouldChooseFromTheValuesWhenABlobColumnHoldsNone() {
        ColumnPlan column = column("BLOB", "'text'");
        assertThat(column.targetType()).isEqualTo("text");
        assertThat(column.note()).contains("no BLOB values");
    }

    @Test
    void shouldReadLargeIntegerDatesAsMillisecondsLikePrisma() {
        ColumnPlan column = column("DATETIME", "1700000000123", "1700000000000");
        assertThat(column.targetType()).isEqualTo("timestamp");
        assertThat(column.numericDates()).isEqualTo(NumericDates.EPOCH_MILLIS);
        assertThat(column.note()).contains("EPOCH_MILLIS");
    }

    @Test
    void shouldReadSmallerIntegerDatesAsSeconds() {
        assertThat(column("DATETIME", "1700000000", "0").numericDates()).isEqualTo(NumericDates.EPOCH_SECONDS);
        assertThat(column("DATETIME", "-86400").numericDates()).isEqualTo(NumericDates.EPOCH_SECONDS);
    }

    @Test
    void shouldReadRealDatesAsJulianDaysOrSeconds() {
        assertThat(column("DATETIME", "2460000.5", "2451545.25").numericDates()).isEqualTo(NumericDates.JULIAN_DAY);
        assertThat(column("DATETIME", "1700000000.5").numericDates()).isEqualTo(NumericDates.EPOCH_SECONDS);
    }

    @Test
    void shouldGiveEveryDateColumnANumericReadingAndOthersNone() {
        assertThat(column("DATE", "'2024-01-01'").numericDates()).isEqualTo(NumericDates.EPOCH_SECONDS);
        assertThat(column("TEXT", "'2024-01-01'").numericDates()).isNull();
        assertThat(column("DATETIME", "'x'").numericDates()).as("became text").isNull();
    }
}
