package dev.cutover.cli.bench;

import dev.cutover.capture.workload.NextCrmWriter;
import dev.cutover.cli.LiveBench;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.sink.PgTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * NextCRM's application mix ({@link NextCrmWriter}: inserts, {@code $set}s, {@code $push}/{@code $pull} on both sides
 * of a relation, replacements, deletes) paced by the live bench, with its own latency measure: the test server sends no
 * {@code wallTime}, so the run's figure (from the change's cluster-time second) is too coarse. Every write stamps its
 * document's description with the time it was sent; a trigger on the target's {@code Documents} and {@code Invoices}
 * tables records when the sink writes a stamped row (in the transaction that commits it). The latency is the
 * difference, per stamp, on this machine's one clock; a stamp the sink overwrote in the same batch before writing it
 * is not measured.
 */
final class MongoLiveWriter implements LiveBench.Writer {
    static final String SCHEMA = "cutover_bench";
    private static final List<String> TABLES = List.of("Documents", "Invoices");

    private final NextCrmWriter writer;
    private final PgTarget target;

    private MongoLiveWriter(NextCrmWriter writer, PgTarget target) {
        this.writer = writer;
        this.target = target;
    }

    /** Installs the trigger in {@code target}, whose tables the run has made, and opens the writer. */
    static MongoLiveWriter open(String uri, String database, long seed, PgTarget target) throws SQLException {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            for (String sql : triggerSql()) {
                statement.execute(sql);
            }
        }
        return new MongoLiveWriter(NextCrmWriter.open(uri, database, seed), target);
    }

    /** The table of stamps seen, the trigger function, and one trigger per table. */
    static List<String> triggerSql() {
        List<String> sql = new ArrayList<>(List.of("CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
                "CREATE TABLE IF NOT EXISTS " + SCHEMA + ".seen (sent_us bigint NOT NULL, seen_us bigint NOT NULL)",
                "CREATE OR REPLACE FUNCTION " + SCHEMA + ".seen() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.description LIKE 'at %' THEN INSERT INTO " + SCHEMA + ".seen VALUES "
                        + "(substr(NEW.description, 4)::bigint, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);"
                        + " END IF; RETURN NEW; END $$"));
        for (String table : TABLES) {
            sql.add("CREATE TRIGGER cutover_bench_seen AFTER INSERT OR UPDATE ON " + Identifiers.quote("public") + "."
                    + Identifiers.quote(table) + " FOR EACH ROW EXECUTE FUNCTION " + SCHEMA + ".seen()");
        }
        return sql;
    }

    @Override
    public int write() {
        return writer.step();
    }

    /** Each stamp's latency to its first write into PostgreSQL, in milliseconds. */
    @Override
    public long[] latenciesMs() throws SQLException {
        List<Long> latencies = new ArrayList<>();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT min(seen_us) - sent_us FROM " + SCHEMA + ".seen GROUP BY "
                     + "sent_us")) {
            while (rows.next()) {
                latencies.add(rows.getLong(1) / 1000);
            }
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
