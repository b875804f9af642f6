package dev.cutover.transform;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.transform.convert.ValueText;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Dead letters for raw events the transformer cannot turn into rows. */
final class DeadLetters {
    private DeadLetters() {
    }

    /** @param row the row's index in a snapshot batch, or -1 for a record holding one change */
    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, int row, ChangeEvent event, String column, String reason) {
        String id = record.topic() + "/" + record.partition() + "/" + record.offset() + (row < 0 ? "" : "/" + row);
        DeadLetter.Builder letter = DeadLetter.newBuilder()
                .setId(id)
                .setStage("transform")
                .setReason(reason)
                .setTimeMs(System.currentTimeMillis());
        if (event == null) {
            return letter.setSource("").setTable("").setKey("{}").build();
        }
        return letter.setSource(event.getSource())
                .setTable(event.getTable())
                .setKey(ValueText.rowJson(event.getKeyColumns(), event.getKey()))
                .setRow(event.getColumns().isEmpty() ? null : ValueText.rowJson(event.getColumns(), event.getValues()))
                .setColumn(column)
                .build();
    }

}
