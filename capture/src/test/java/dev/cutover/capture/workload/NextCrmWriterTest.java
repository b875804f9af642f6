package dev.cutover.capture.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.document.plan.MemoryCollections;
import dev.cutover.capture.mongodb.TestMongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextCrmWriterTest {
    private static final String DATABASE = "nextcrm";

    @TempDir
    Path dir;

    @Test
    void shouldStampEveryWriteOfAPacedWriterWithAnIncreasingTimeOfSending() {
        try (TestMongoServer mongo = TestMongoServer.start(dir.resolve("mongo.mv"))) {
            NextCrmWriter.load(mongo.database(DATABASE), MemoryCollections.nextCrm(3, 10));
            long before = System.currentTimeMillis() * 1000;
            int writes = 0;
            try (NextCrmWriter writer = NextCrmWriter.open(mongo.uri(DATABASE), DATABASE, 3)) {
                for (int i = 0; i < 40; i++) {
                    writes += writer.step();
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            long after = System.currentTimeMillis() * 1000 + 1000;

            List<Long> stamps = new ArrayList<>();
            for (String collection : List.of(NextCrmWriter.DOCUMENTS, NextCrmWriter.INVOICES)) {
                for (BsonDocument document : mongo.collection(DATABASE, collection).find()) {
                    String description = document.isString("description") ? document.getString("description").getValue() : "";
                    if (description.startsWith("at ")) {
                        stamps.add(Long.parseLong(description.substring(3)));
                    }
                }
            }
            assertThat(writes).isGreaterThanOrEqualTo(40);
            assertThat(stamps).isNotEmpty().allSatisfy(stamp -> assertThat(stamp).isBetween(before, after))
                    .doesNotHaveDuplicates();
        }
    }
}
