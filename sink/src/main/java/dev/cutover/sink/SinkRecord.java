package dev.cutover.sink;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.codec.RecordKeyCodec;
import java.nio.ByteBuffer;

/**
 * A decoded row-topic record and where it came from.
 *
 * @param position topic/partition/offset of the Kafka record
 * @param index    the row's place within a batch record, or -1 for a record of one change
 * @param key      the Kafka key of a record of one change, or null for a row of a batch record (see {@link #identity})
 * @param row      the change
 */
record SinkRecord(String position, int index, ByteBuffer key, RowChange row) {

    /** A row of a batch record: its identity is worked out only if asked. */
    SinkRecord(String position, int index, RowChange row) {
        this(position, index, null, row);
    }

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

    /**
     * The Kafka key a single change of the row carries (target table and key): equal identities change the same row.
     * For a row of a batch it is encoded when asked, which a batch of loads only never does (see {@link BatchWriter}).
     */
    ByteBuffer identity() {
        return key != null ? key : ByteBuffer.wrap(RecordKeyCodec.encode(row.getTable(), row.getKey()));
    }
}
