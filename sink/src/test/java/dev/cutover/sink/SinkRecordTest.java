package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.codec.RecordKeyCodec;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkRecordTest {

    @Test
    void shouldNameARowOfABatchByItsRecordAndItsPlaceInIt() {
        ByteBuffer key = ByteBuffer.wrap(new byte[] {1});

        assertThat(new SinkRecord("app.rows/2/41", 7, key, null).id()).isEqualTo("app.rows/2/41/7");
        assertThat(new SinkRecord("app.rows/2/41", 0, key, null).id()).isEqualTo("app.rows/2/41/0");
        assertThat(new SinkRecord("app.rows/2/42", key, null).id()).isEqualTo("app.rows/2/42");
    }

    @Test
    void shouldIdentifyARowOfABatchByTheKeyASingleChangeOfItWouldCarry() {
        RowChange row = RowChange.newBuilder().setSource("sqlite:/t.db").setSourceTable("item").setTable("Item")
                .setOp(RowOperation.UPSERT).setKeyColumns(List.of("a", "b")).setKey(List.of("7", "x"))
                .setSourceKey("{}").setColumns(List.of()).setValues(List.of()).setSourceTimeMs(1).setCaptureTimeMs(2)
                .build();
        ByteBuffer single = ByteBuffer.wrap(RecordKeyCodec.encode("Item", List.of("7", "x")));

        assertThat(new SinkRecord("app.rows/0/3", 2, row).identity()).isEqualTo(single);
        assertThat(new SinkRecord("app.rows/0/4", single, row).identity()).isSameAs(single);
    }
}
