package dev.cutover.transform;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.transform.convert.ValueText;
import dev.cutover.transform.document.DocumentEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Dead letters for raw events the transformer cannot turn into rows. */
final class DeadLetters {
    private DeadLetters() {
    }

    /**
     * @param row       the row's index in a snapshot batch, or -1 for a record holding one change
     * @param event     the event, or null when the record could not be read
     * @param rejection why
     */
    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, int row, ChangeEvent event, TransformResult rejection) {
        String id = record.topic() + "/" + record.partition() + "/" + record.offset() + (row < 0 ? "" : "/" + row);
        DeadLetter.Builder letter = DeadLetter.newBuilder()
                .setId(id)
                .setStage("transform")
                .setReason(rejection.rejection())
                .setTimeMs(System.currentTimeMillis());
        if (event == null) {
            return letter.setSource("").setTable("").setKey("{}").build();
        }
        return letter.setSource(event.getSource())
                .setTable(event.getTable())
                .setKey(key(event))
                .setRow(row(event))
                .setColumn(rejection.column())
                .build();
    }

    /** The source key as a JSON object: column to value, or a document's key document as relaxed Extended JSON. */
    private static String key(ChangeEvent event) {
        String document = DocumentEvents.keyJson(event);
        return document != null ? document : ValueText.rowJson(event.getKeyColumns(), event.getKey());
    }

    /** The original row as a JSON object, or a document as relaxed Extended JSON; null for a delete. */
    private static String row(ChangeEvent event) {
        if (event.getColumns().isEmpty()) {
            return null;
        }
        if (DocumentEvents.isDocumentEvent(event)) {
            return DocumentEvents.documentJson(event);
        }
        return ValueText.rowJson(event.getColumns(), event.getValues());
    }

    /**
     * The letter without its row, saying why: for a row too large to travel in a dead letter (a document near the
     * message limit grows when written as Extended JSON).
     */
    static DeadLetter withoutRow(DeadLetter letter, int letterBytes, int maxMessageBytes) {
        return DeadLetter.newBuilder(letter)
                .setRow(null)
                .setReason(letter.getReason() + String.format(" (the original row is left out of this report: with it,"
                        + " the report is %.1f MiB, more than the %d MiB Kafka carries)", letterBytes / 1048576.0,
                        maxMessageBytes >> 20))
                .build();
    }
}
