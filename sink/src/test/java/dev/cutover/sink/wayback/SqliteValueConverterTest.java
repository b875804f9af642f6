package dev.cutover.sink.wayback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cutover.schemas.plan.NumericDates;
import org.junit.jupiter.api.Test;

/** PostgreSQL's values written back in the forms SQLite held them in, or refused when SQLite has no faithful form. */
class SqliteValueConverterTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static SqliteColumn column(String type, SqliteColumn.Storage storage, NumericDates dates, String sample) {
        return new SqliteColumn("c", "c", type, dates,
                storage, DateLayout.of(sample));
    }

    private static Object write(SqliteColumn column, JsonNode value, Object current) {
        return SqliteValueConverter.toSqlite(column, value, current);
    }

    @Test
    void shouldWriteBooleansAsZeroAndOne() {
        SqliteColumn flag = column("boolean", SqliteColumn.Storage.INTEGER, null, null);
        assertThat(write(flag, NODES.booleanNode(true), null)).isEqualTo(1L);
        assertThat(write(flag, NODES.booleanNode(false), 1L)).isEqualTo(0L);
    }

    @Test
    void shouldWriteTimestampsInTheColumnsOwnTextLayout() {
        JsonNode value = NODES.textNode("2025-03-01T08:09:10.250");
        assertThat(write(column("timestamp", SqliteColumn.Storage.TEXT, null, "2024-01-05 10:20:30"), value, null))
                .isEqualTo("2025-03-01 08:09:10.25");
        assertThat(write(column("timestamp", SqliteColumn.Storage.TEXT, null, "2024-01-05T10:20:30.000Z"), value, null))
                .isEqualTo("2025-03-01T08:09:10.250Z");
        assertThat(write(column("timestamp with time zone", SqliteColumn.Storage.TEXT, null, "2024-01-05T10:20:30Z"),
                NODES.textNode("2025-03-01T08:09:10Z"), null)).isEqualTo("2025-03-01T08:09:10Z");
        assertThat(write(column("date", SqliteColumn.Storage.TEXT, null, "2024-01-05"), NODES.textNode("2025-03-01"),
                null)).isEqualTo("2025-03-01");
    }

    @Test
    void shouldKeepSqlitesTextWhenItIsTheSameMoment() {
        SqliteColumn created = column("timestamp", SqliteColumn.Storage.TEXT, null, "2024-01-05 10:20:30");
        assertThat(write(created, NODES.textNode("2024-01-05T10:20:30"), "2024-01-05T10:20:30.000Z"))
                .isEqualTo("2024-01-05T10:20:30.000Z");
    }

    @Test
    void shouldWriteEpochNumbersForColumnsThatHeldNumbers() {
        JsonNode value = NODES.textNode("2024-01-05T10:20:30");
        assertThat(write(column("timestamp", SqliteColumn.Storage.INTEGER, NumericDates.EPOCH_MILLIS, null), value, null))
                .isEqualTo(1704450030000L);
        assertThat(write(column("timestamp", SqliteColumn.Storage.INTEGER, NumericDates.EPOCH_SECONDS, null), value,
                null)).isEqualTo(1704450030L);
        assertThat((Double) write(column("timestamp", SqliteColumn.Storage.REAL, NumericDates.JULIAN_DAY, null), value,
                null)).isCloseTo(2460314.930902778, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldKeepJsonTextThatMeansTheSameAndWriteOtherJsonCompact() {
        SqliteColumn meta = column("jsonb", SqliteColumn.Storage.TEXT, null, null);
        assertThat(write(meta, NODES.textNode("{\"n\": 1, \"a\": [1]}"), "{\"a\":[1],  \"n\":1}"))
                .isEqualTo("{\"a\":[1],  \"n\":1}");
        assertThat(write(meta, NODES.textNode("{\"n\": 2, \"a\": [1]}"), "{\"a\":[1],  \"n\":1}"))
                .isEqualTo("{\"n\":2,\"a\":[1]}");
    }

    @Test
    void shouldRefuseValuesWithoutAFaithfulSqliteForm() {
        assertThatThrownBy(() -> write(column("double precision", SqliteColumn.Storage.REAL, null, null),
                NODES.textNode("NaN"), null)).isInstanceOf(SqliteValueConverter.NoSqliteForm.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> write(column("numeric", SqliteColumn.Storage.REAL, null, null),
                NODES.textNode("12345678901234567890.123"), null)).isInstanceOf(SqliteValueConverter.NoSqliteForm.class)
                .hasMessageContaining("8-byte float");
        assertThatThrownBy(() -> write(column("timestamp", SqliteColumn.Storage.INTEGER, NumericDates.EPOCH_SECONDS,
                null), NODES.textNode("2024-01-05T10:20:30.5"), null))
                .isInstanceOf(SqliteValueConverter.NoSqliteForm.class)
                .hasMessageContaining("fraction");
        assertThatThrownBy(() -> write(column("date", SqliteColumn.Storage.TEXT, null, "2024-01-05"),
                NODES.textNode("infinity"), null)).isInstanceOf(SqliteValueConverter.NoSqliteForm.class);
    }
}
