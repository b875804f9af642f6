package dev.cutover.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.transform.document.Documents;
import dev.cutover.transform.document.GoldenDocuments;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final ConsumerRecord<byte[], byte[]> RECORD = new ConsumerRecord<>("t.raw", 2, 40, new byte[0],
            new byte[0]);

    @Test
    void shouldReportARejectedDocumentAsExtendedJsonWithItsKey() {
        String document = "{\"_id\": {\"$oid\": \"5f1a2b3c4d5e6f7081928374\"}, \"name\": \"a\", \"name\": \"b\","
                + " \"at\": {\"$date\": \"2024-01-02T03:04:05.678Z\"}}";
        ChangeEvent event = Documents.event("customers", Operation.INSERT,
                Documents.bson("{\"_id\": {\"$oid\": \"5f1a2b3c4d5e6f7081928374\"}}"), Documents.bson(document));
        TransformResult rejection = new RowTransformer(GoldenDocuments.plan()).transform(event);

        DeadLetter letter = DeadLetters.of(RECORD, -1, event, rejection);

        assertThat(letter.getId()).isEqualTo("t.raw/2/40");
        assertThat(letter.getTable()).isEqualTo("customers");
        assertThat(letter.getKey()).isEqualTo("{\"_id\": {\"$oid\": \"5f1a2b3c4d5e6f7081928374\"}}");
        assertThat(letter.getRow()).isEqualTo(document);
        assertThat(letter.getColumn()).isEqualTo("name");
        assertThat(letter.getReason()).contains("appears twice");
    }

    @Test
    void shouldKeepTheColumnFormForTabularRows() {
        ChangeEvent event = ChangeEvent.newBuilder().setSource("sqlite:/a.db").setTable("t").setOp(Operation.INSERT)
                .setKeyColumns(List.of("id")).setKey(List.of(7L)).setColumns(List.of("id", "x"))
                .setValues(List.of(7L, "y")).setSequence(1).setSourceTimeMs(1).setCaptureTimeMs(1).build();

        DeadLetter letter = DeadLetters.of(RECORD, 3, event, TransformResult.rejected("x", "bad"));

        assertThat(letter.getId()).isEqualTo("t.raw/2/40/3");
        assertThat(letter.getKey()).isEqualTo("{\"id\": 7}");
        assertThat(letter.getRow()).isEqualTo("{\"id\": 7, \"x\": \"y\"}");
    }

    @Test
    void shouldLeaveOutARowTooLargeToTravel() {
        DeadLetter letter = DeadLetter.newBuilder().setId("i").setStage("transform").setSource("s").setTable("t")
                .setKey("{}").setRow("{\"a\": 1}").setReason("bad").setTimeMs(1).build();

        DeadLetter shorter = DeadLetters.withoutRow(letter, 3 << 20, 1 << 20);

        assertThat(shorter.getRow()).isNull();
        assertThat(shorter.getReason()).startsWith("bad (the original row is left out").contains("3.0 MiB")
                .contains("1 MiB");
    }
}
