package dev.cutover.cli;

/**
 * How far PostgreSQL is behind the source.
 *
 * @param source changes in the source's change log that capture has not yet handed to Kafka
 * @param raw    raw-topic events the transformer has not yet committed
 * @param rows   row changes the sink has not yet committed in PostgreSQL
 * @param ms     age of the oldest change not yet in PostgreSQL (an upper bound), 0 when caught up
 */
record Lag(long source, long raw, long rows, long ms) {
    long events() {
        return source + raw + rows;
    }
}
