package dev.cutover.capture.jsondir;

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
 * Builds the Connect records the JSON-directory connector emits, Avro single-object encoded as the SQLite connector's
 * are: change events of documents on the raw topic (snapshot documents in batches when the raw topic's partitions are
 * known), progress on the control topic, and dead letters on the dead-letter topic for documents that cannot be read.
 * Every record but a step's last carries the offset before the step, the last one the offset after it: the engine may
 * commit any prefix of a step's records, and only the whole step moves the index version on.
 */
final class JsonDirRecords {
    /** Header on a record: how many rows it carries (capture counts a dead letter or an announcement as none). */
    static final String ROWS_HEADER = "cutover.rows";
    static final List<String> KEY_COLUMNS = List.of("$key");
    static final List<String> DOCUMENT_COLUMNS = List.of("$document");

    private final String sourceId;
    private final Topics topics;
    private final Map<String, String> partition;
    private final ChangeEventBatcher batcher;

    /** @param rawPartitions the raw topic's partitions (0: one record per document, no batches) */
    JsonDirRecords(String sourceId, Topics topics, int rawPartitions, int batchMaxBytes) {
        this.sourceId = sourceId;
        this.topics = topics;
        this.partition = JsonDirOffsetContext.partition(sourceId);
        this.batcher = rawPartitions > 0 ? new ChangeEventBatcher(rawPartitions, batchMaxBytes) : null;
    }

    String sourceId() {
        return sourceId;
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

    /** The records of one step: its events (snapshot documents batched), then its dead letters. */
    List<SourceRecord> step(List<ChangeEvent> events, List<DeadLetter> letters, JsonDirOffsetContext before,
                            JsonDirOffsetContext after) {
        List<Pending> pending = new ArrayList<>(events.size() + letters.size());
        addEvents(events, pending);
        for (DeadLetter letter : letters) {
            pending.add(new Pending(topics.deadLetters(), null, letter.getId().getBytes(StandardCharsets.UTF_8),
                    encode(letter), 0));
        }
        List<SourceRecord> records = new ArrayList<>(pending.size());
        Map<String, Object> beforeMap = before.toMap();
        for (int i = 0; i < pending.size(); i++) {
            records.add(pending.get(i).record(partition, i == pending.size() - 1 ? after.toMap() : beforeMap));
        }
        return records;
    }

    private void addEvents(List<ChangeEvent> events, List<Pending> pending) {
        List<ChangeEvent> snapshot = new ArrayList<>();
        for (ChangeEvent event : events) {
            if (batcher != null && event.getOp() == Operation.SNAPSHOT) {
                snapshot.add(event);
            } else {
                pending.add(new Pending(topics.raw(), null, ChangeEventBatcher.recordKey(event),
                        ChangeEventCodec.encode(event), 1));
            }
        }
        if (!snapshot.isEmpty()) {
            for (ChangeEventBatcher.Batch batch : batcher.batch(snapshot)) {
                pending.add(new Pending(topics.raw(), batch.partition(), batch.key(), batch.value(), batch.rows()));
            }
        }
    }

    SourceRecord control(ControlType type, List<TableCount> tables, JsonDirOffsetContext offset) {
        ControlEvent value = new ControlEvent(sourceId, type, tables, System.currentTimeMillis());
        return new Pending(topics.control(), null, sourceId.getBytes(StandardCharsets.UTF_8), encode(value), 0)
                .record(partition, offset.toMap());
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
