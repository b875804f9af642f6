package dev.cutover.capture.mongodb;

import dev.cutover.capture.ChangeEventBatcher;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.TableCount;
import dev.cutover.schemas.codec.ChangeEventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the Connect records the MongoDB connector emits, Avro single-object encoded as the other connectors' are:
 * change events on the raw topic (snapshot documents in batches when the raw topic's partitions are known, every other
 * event alone, keyed by its document's key so it goes to that key's partition), progress on the control topic, and
 * dead letters for collections capture had to stop. Every record of a poll but the last carries the offset before the
 * poll, the last one the offset after it: the engine may commit any prefix, and only the whole poll moves capture on.
 * Not thread-safe.
 */
final class MongoDbRecords {
    /** Header on a record: how many rows it carries (capture counts a dead letter or an announcement as none). */
    static final String ROWS_HEADER = "cutover.rows";
    static final List<String> KEY_COLUMNS = List.of("$key");
    static final List<String> DOCUMENT_COLUMNS = List.of("$document");

    private final String sourceId;
    private final Topics topics;
    private final Map<String, String> partition;
    private final ChangeEventBatcher batcher;
    private final List<Pending> pending = new ArrayList<>();

    /** @param rawPartitions the raw topic's partitions (0: one record per document, no batches) */
    MongoDbRecords(String sourceId, Topics topics, int rawPartitions, int batchMaxBytes) {
        this.sourceId = sourceId;
        this.topics = topics;
        this.partition = MongoDbOffsetContext.partition(sourceId);
        this.batcher = rawPartitions > 0 ? new ChangeEventBatcher(rawPartitions, batchMaxBytes) : null;
    }

    /** A document read (SNAPSHOT, INSERT or UPDATE). */
    ChangeEvent document(String collection, Operation op, byte[] key, byte[] bson, long sequence, long sourceTimeMs) {
        return new ChangeEvent(sourceId, collection, op, KEY_COLUMNS, List.of(ByteBuffer.wrap(key)), DOCUMENT_COLUMNS,
                List.of(new Document(ByteBuffer.wrap(bson))), sequence, sourceTimeMs, System.currentTimeMillis());
    }

    /** The key no longer has a document. */
    ChangeEvent delete(String collection, byte[] key, long sequence, long sourceTimeMs) {
        return new ChangeEvent(sourceId, collection, Operation.DELETE, KEY_COLUMNS, List.of(ByteBuffer.wrap(key)),
                List.of(), List.of(), sequence, sourceTimeMs, System.currentTimeMillis());
    }

    /** Queues snapshot documents of one collection, batched per raw partition when known. */
    void addSnapshot(List<ChangeEvent> events) {
        if (batcher == null) {
            events.forEach(this::addChange);
            return;
        }
        for (ChangeEventBatcher.Batch batch : batcher.batch(events)) {
            pending.add(new Pending(topics.raw(), batch.partition(), batch.key(), batch.value(), batch.rows()));
        }
    }

    /** Queues one change, keyed by its document's key. */
    void addChange(ChangeEvent event) {
        pending.add(new Pending(topics.raw(), null, ChangeEventBatcher.recordKey(event), ChangeEventCodec.encode(event),
                1));
    }

    void addLetter(DeadLetter letter) {
        pending.add(new Pending(topics.deadLetters(), null, letter.getId().getBytes(StandardCharsets.UTF_8),
                encode(letter), 0));
    }

    void addControl(ControlType type, List<TableCount> tables) {
        ControlEvent value = new ControlEvent(sourceId, type, tables, System.currentTimeMillis());
        pending.add(new Pending(topics.control(), null, sourceId.getBytes(StandardCharsets.UTF_8), encode(value), 0));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Forgets what was queued (a poll that failed half-way). */
    void discard() {
        pending.clear();
    }

    /** The queued records: all but the last carry {@code before}, the last {@code after}; the queue is emptied. */
    List<SourceRecord> take(MongoDbOffsetContext before, MongoDbOffsetContext after) {
        List<SourceRecord> records = new ArrayList<>(pending.size());
        Map<String, Object> beforeMap = pending.size() > 1 ? before.toMap() : null;
        for (int i = 0; i < pending.size(); i++) {
            records.add(pending.get(i).record(partition, i == pending.size() - 1 ? after.toMap() : beforeMap));
        }
        pending.clear();
        return records;
    }

    private static byte[] encode(ControlEvent event) {
        try {
            return bytes(event.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a control event", e);
        }
    }

    private static byte[] encode(DeadLetter letter) {
        try {
            return bytes(letter.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a dead letter", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A record about to be built. */
    private record Pending(String topic, Integer kafkaPartition, byte[] key, byte[] value, int rows) {
        SourceRecord record(Map<String, String> partition, Map<String, ?> offset) {
            ConnectHeaders headers = new ConnectHeaders();
            headers.addInt(ROWS_HEADER, rows);
            return new SourceRecord(partition, offset, topic, kafkaPartition, Schema.BYTES_SCHEMA, key,
                    Schema.BYTES_SCHEMA, value, System.currentTimeMillis(), headers);
        }
    }
}
