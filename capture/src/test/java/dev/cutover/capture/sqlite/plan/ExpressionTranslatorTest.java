package dev.cutover.capture.sqlite.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.sqlite.plan.ExpressionTranslator.ColumnRef;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTranslatorTest {
    private static final Map<String, ColumnRef> COLUMNS = Map.of(
            "discount", new ColumnRef("Discount", "double precision", false),
            "name", new ColumnRef("name", "text", false),
            "qty", new ColumnRef("qty", "bigint", false),
            "price", new ColumnRef("price", "numeric(10,2)", false),
            "active", new ColumnRef("active", "boolean", false),
            "data", new ColumnRef("data", "jsonb", false),
            "created", new ColumnRef("created", "timestamp", false),
            "total", new ColumnRef("total", "numeric", true),
            "a very long column", new ColumnRef("a very long column_short", "text", false));

    private static final ExpressionTranslator CHECKS = ExpressionTranslator.forChecks(COLUMNS);

    @Nested
    class Conditions {
        @ParameterizedTest
        @CsvSource(delimiterString = "=>", quoteCharacter = '#', value = {
            "[Discount]>=(0) AND [Discount]<=(1)            => (\"Discount\" >= 0) AND (\"Discount\" <= 1)",
            "name is null or name like '%Trailers%'         => (\"name\" IS NULL) OR (\"name\" ILIKE '%Trailers%')",
            "name IN ('G','PG','PG-13')                     => \"name\" IN ('G', 'PG', 'PG-13')",
            "name NOT IN ('x')                              => \"name\" NOT IN ('x')",
            "length(name) > 0                               => length(\"name\") > 0",
            "`qty` == 1                                     => \"qty\" = 1",
            "qty != 1                                       => \"qty\" <> 1",
            "qty BETWEEN 1 AND 10                           => \"qty\" BETWEEN 1 AND 10",
            "active IN (0, 1)                               => \"active\" IN (false, true)",
            "active = 1                                     => \"active\" = true",
            "qty                                            => \"qty\" <> 0",
            "name GLOB '[0-9]*'                             => \"name\" ~ '^[0-9].*$'",
            "name GLOB 'ab*_?'                              => \"name\" LIKE 'ab%\\__'",
            "json_valid(data)                               => \"data\" IS JSON",
            "ifnull(name, '') <> ''                         => coalesce(\"name\", '') <> ''",
            "name || 'x' = 'ax'                             => (\"name\" || 'x') = 'ax'",
            "qty || name <> ''                              => (\"qty\"::text || \"name\") <> ''",
            "qty * 2 + 1 > price                            => ((\"qty\" * 2) + 1) > \"price\"",
            "name = 0                                       => \"name\" = '0'",
            "created <= CURRENT_TIMESTAMP                   => \"created\" <= date_trunc('second', now() AT TIME ZONE 'UTC')",
            "NOT (qty < 0)                                  => NOT (\"qty\" < 0)",
            "qty IS NOT NULL                                => \"qty\" IS NOT NULL",
            "qty NOTNULL                                    => \"qty\" IS NOT NULL",
            "qty IS 5                                       => \"qty\" IS NOT DISTINCT FROM 5",
            "name LIKE 'a\\%'                                => \"name\" ILIKE 'a\\%' ESCAPE ''",
            "CASE WHEN qty > 1 THEN 'many' ELSE 'one' END = name => CASE WHEN \"qty\" > 1 THEN 'many' ELSE 'one' END = \"name\"",
            "\"a very long column\" <> ''                    => \"a very long column_short\" <> ''",
            "round(price, 1) = price                        => round(\"price\"::numeric, 1) = \"price\"",
            "substr(name, 1, 2) = 'ab'                      => substr(\"name\", 1, 2) = 'ab'",
            "instr(name, '@') > 0                           => strpos(\"name\", '@') > 0",
            "CAST(qty AS TEXT) <> ''                        => \"qty\"::text <> ''",
        })
        void shouldTranslate(String sqlite, String postgres) {
            Translation translation = CHECKS.condition(sqlite);
            assertThat(translation.failure()).isNull();
            assertThat(translation.sql()).isEqualTo(postgres);
        }

        @ParameterizedTest
        @CsvSource(delimiterString = "=>", quoteCharacter = '#', value = {
            "typeof(qty) = 'integer'          => function typeof()",
            "qty / price > 1                  => division",
            "name > 5.5                       => literal 5.5",
            "name + 1 > 0                     => operator +",
            "qty IN (SELECT 1)                => subquery",
            "data ->> '$.a' = 1               => JSON operator",
            "name COLLATE NOCASE = 'a'        => COLLATE NOCASE",
            "substr(name, -2) = 'ab'          => substr()",
            "nosuchcolumn > 0                 => unknown column",
            "[nosuchcolumn] > 0               => unknown column",
            "active + 1 = 2                   => operator +",
            "name REGEXP 'a'                  => REGEXP",
            "qty > 'abc'                      => literal 'abc'",
            "t.qty > 0                        => qualified",
            "datetime(created) > '2020'       => of a stored value",
        })
        void shouldRefuseWhatDiffers(String sqlite, String reason) {
            Translation translation = CHECKS.condition(sqlite);
            assertThat(translation.translated()).as(translation.sql()).isFalse();
            assertThat(translation.failure()).contains(reason);
        }

        @Test
        void shouldReadDoubleQuotedNonColumnAsString() {
            assertThat(CHECKS.condition("name <> \"none\"").sql()).isEqualTo("\"name\" <> 'none'");
        }
    }

    @Nested
    class Defaults {
        private final ExpressionTranslator defaults = ExpressionTranslator.forDefaults();

        @ParameterizedTest
        @CsvSource(delimiterString = "=>", quoteCharacter = '#', value = {
            "CURRENT_TIMESTAMP                            => timestamp        => date_trunc('second', now() AT TIME ZONE 'UTC')",
            "datetime('now')                              => timestamp        => date_trunc('second', now() AT TIME ZONE 'UTC')",
            "CURRENT_TIMESTAMP                            => text             => to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
            "CURRENT_DATE                                 => date             => (now() AT TIME ZONE 'UTC')::date",
            "date('now')                                  => text             => to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            "date('now')                                  => timestamp        => date_trunc('day', now() AT TIME ZONE 'UTC')",
            "CURRENT_TIME                                 => time             => date_trunc('second', now() AT TIME ZONE 'UTC')::time",
            "time('now')                                  => text             => to_char(now() AT TIME ZONE 'UTC', 'HH24:MI:SS')",
            "strftime('%s','now')                         => bigint           => floor(extract(epoch FROM now()))::bigint",
            "strftime('%s','now')                         => text             => (floor(extract(epoch FROM now()))::bigint)::text",
            "strftime('%s','now')                         => timestamp        => date_trunc('second', now() AT TIME ZONE 'UTC')",
            "unixepoch()                                  => bigint           => floor(extract(epoch FROM now()))::bigint",
            "unixepoch() * 1000                           => bigint           => floor(extract(epoch FROM now()))::bigint * 1000",
            "cast(unixepoch('now','subsec') * 1000 as integer) => bigint           => floor(extract(epoch FROM now()) * 1000)::bigint",
            "cast((julianday('now') - 2440587.5)*86400000 as integer) => bigint => floor(extract(epoch FROM now()) * 1000)::bigint",
            "julianday('now')                             => double precision => round(extract(epoch FROM now()), 3) / 86400 + 2440587.5",
            "strftime('%Y-%m-%dT%H:%M:%fZ','now')         => text             => to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
            "strftime('%Y-%m-%dT%H:%M:%fZ','now')         => timestamp        => date_trunc('milliseconds', now() AT TIME ZONE 'UTC')",
            "'Y'                                          => varchar(1)       => 'Y'",
            "'it''s'                                      => text             => 'it''s'",
            "-1                                           => bigint           => -1",
            "0                                            => boolean          => false",
            "'0'                                          => boolean          => false",
            "1                                            => boolean          => true",
            "TRUE                                         => boolean          => true",
            "FALSE                                        => bigint           => 0",
            "X'00FF'                                      => bytea            => '\\x00ff'::bytea",
            "4.99                                         => numeric(4,2)     => 4.99",
            "0                                            => text             => '0'",
            "1.50                                         => text             => '1.5'",
            "0                                            => double precision => 0",
            "'2020-01-02'                                 => date             => '2020-01-02'::date",
            "'{\"a\": 1}'                                 => jsonb            => '{\"a\": 1}'::jsonb",
            "'5'                                          => bigint           => 5",
            "0x10                                         => bigint           => 16",
            "+5                                           => bigint           => 5",
        })
        void shouldTranslateDefault(String sqlite, String pgType, String postgres) {
            Translation translation = defaults.defaultValue(sqlite, pgType);
            assertThat(translation.failure()).isNull();
            assertThat(translation.sql()).isEqualTo(postgres);
        }

        @Test
        void shouldDropNullDefault() {
            Translation translation = defaults.defaultValue("NULL", "text");
            assertThat(translation.translated()).isTrue();
            assertThat(translation.sql()).isNull();
        }

        @Test
        void shouldNoteLocaltimeBecomingUtc() {
            Translation translation = defaults.defaultValue("datetime('now','localtime')", "timestamp");
            assertThat(translation.sql()).isEqualTo("date_trunc('second', now() AT TIME ZONE 'UTC')");
            assertThat(translation.note()).contains("UTC");
        }

        @ParameterizedTest
        @CsvSource(delimiterString = "=>", quoteCharacter = '#', value = {
            "datetime('now', '+1 day')  => timestamp  => modifier",
            "CURRENT_TIMESTAMP          => bigint     => integer column",
            "CURRENT_TIMESTAMP          => date       => date column",
            "'abc'                      => bigint     => number abc",
            "'toolong'                  => varchar(3) => longer than",
            "random()                   => bigint     => function random()",
            "'nope'                     => boolean    => boolean",
            "'not json'                 => jsonb      => jsonb",
            "1.5                        => bigint     => integer column",
            "X'00'                      => text       => blob literal",
        })
        void shouldRefuseDefault(String sqlite, String pgType, String reason) {
            Translation translation = defaults.defaultValue(sqlite, pgType);
            assertThat(translation.translated()).as(translation.sql()).isFalse();
            assertThat(translation.failure()).contains(reason);
        }
    }

    @Nested
    class GeneratedAndIndexes {
        @Test
        void shouldTranslateGeneratedExpressionToColumnType() {
            ExpressionTranslator generated = ExpressionTranslator.forGenerated(COLUMNS);
            assertThat(generated.generated("qty * 2", "bigint").sql()).isEqualTo("\"qty\" * 2");
            assertThat(generated.generated("upper(name)", "text").sql()).isEqualTo("upper(\"name\")");
            assertThat(generated.generated("qty * price", "numeric").sql()).isEqualTo("\"qty\" * \"price\"");
            assertThat(generated.generated("qty > 1", "bigint").sql()).isEqualTo("(\"qty\" > 1)::integer");
        }

        @Test
        void shouldRefuseGeneratedFromGeneratedOrCurrentTime() {
            ExpressionTranslator generated = ExpressionTranslator.forGenerated(COLUMNS);
            assertThat(generated.generated("total * 2", "numeric").failure()).contains("generated column");
            assertThat(generated.generated("datetime('now')", "text").failure()).contains("immutable");
            assertThat(generated.generated("name", "bigint").failure()).contains("text value for a bigint");
        }

        @Test
        void shouldWriteIndexElementsPostgresAccepts() {
            ExpressionTranslator indexes = ExpressionTranslator.forIndexes(COLUMNS);
            assertThat(indexes.indexElement("lower(name)").sql()).isEqualTo("lower(\"name\")");
            assertThat(indexes.indexElement("qty + 1").sql()).isEqualTo("(\"qty\" + 1)");
            assertThat(indexes.indexElement("[name]").sql()).isEqualTo("\"name\"");
            assertThat(indexes.condition("qty > 1").sql()).isEqualTo("\"qty\" > 1");
        }
    }
}
