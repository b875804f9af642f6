package dev.cutover.transform;

/** What the transform stage reports. Called from worker threads; implementations must be thread-safe and quick. */
public interface TransformListener {

    /**
     * A transaction committed with this many row changes and this many rejected rows; {@code rounded} counts the values
     * its rows hold rounded from float noise (read it during the call: the transaction's own count).
     */
    void committed(int rows, int rejected, RoundedCounts rounded);

    /** A worker stopped on an error it cannot recover from. */
    void failed(Throwable error);
}
