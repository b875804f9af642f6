package dev.cutover.sink;

import dev.cutover.schemas.avro.RowChange;
import java.nio.ByteBuffer;

/**
 * A decoded row-topic record and where it came from.
 *
 * @param position topic/partition/offset of the Kafka record
 * @param index    the row's place within a batch record, or -1 for a record of one change
 * @param key      the Kafka key a single change of the row carries (target table and key): equal keys change the
 *                 same row
 * @param row      the change
 */
record SinkRecord(String position, int index, ByteBuffer key, RowChange row) {

    /** A record of one change. */
    SinkRecord(String position, ByteBuffer key, RowChange row) {
        this(position, -1, key, row);
    }

    /**
     * Topic/partition/offset, and /row within a batch: the identity of any dead letter the change causes. Built only
     * when asked (rarely), not for every row of a batch.
     */
    String id() {
        return index < 0 ? position : position + "/" + index;
    }
}
