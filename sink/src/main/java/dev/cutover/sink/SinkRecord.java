package dev.cutover.sink;

import dev.cutover.schemas.avro.RowChange;
import java.nio.ByteBuffer;

/**
 * A decoded row-topic record and where it came from.
 *
 * @param id  topic/partition/offset (and /row within a batch), the identity of any dead letter it causes
 * @param key the Kafka key a single change of the row carries (target table and key): equal keys change the same row
 * @param row the change
 */
record SinkRecord(String id, ByteBuffer key, RowChange row) {
}
