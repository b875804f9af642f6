package dev.cutover.sink;

/**
 * The sink's HikariCP pool at one moment.
 *
 * @param active  connections in use
 * @param idle    connections waiting to be used
 * @param total   all connections the pool holds
 * @param waiting threads waiting for a connection (more than zero: the pool is too small or PostgreSQL too slow)
 */
public record PoolStatistics(int active, int idle, int total, int waiting) {
}
