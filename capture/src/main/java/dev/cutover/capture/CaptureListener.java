package dev.cutover.capture;

import dev.cutover.schemas.avro.TableCount;
import java.util.List;

/** What capture tells the process running it. Called from capture's own thread; implementations must be quick. */
public interface CaptureListener {

    /** The snapshot began (or resumed); the counts are what each remaining table holds in the snapshot. */
    void snapshotStarted(List<TableCount> tables);

    /** Every snapshot row has been acknowledged by Kafka. */
    void snapshotCompleted();

    /** Rows and announcements acknowledged by Kafka (a snapshot batch counts its rows). */
    default void forwarded(int rows) {
    }

    /**
     * Kafka holds every change up to this change-log sequence (streaming phase). Lets the caller drain the source:
     * wait until capture has forwarded what the source's change log held at some moment.
     */
    default void acknowledgedUpTo(long sequence) {
    }

    /** Capture stopped because of this failure. */
    void failed(Throwable error);
}
