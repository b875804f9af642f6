package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.document.plan.MemoryCollections;
import dev.cutover.capture.document.plan.NextCrmDocuments;
import dev.cutover.capture.workload.NextCrmWriter;
import dev.cutover.capture.mongodb.TestMongoServer;
import dev.cutover.schemas.plan.ObjectIdUuids;
import dev.cutover.sink.PgTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * NextCRM on MongoDB moving to PostgreSQL through the real commands while the application writes: {@code plan
 * --prisma} with NextCRM's schema, {@code run} as its own process (killed with SIGKILL once and started again), the
 * MongoDB server restarted on its file mid-way, then {@code validate --full}; the Documents-Invoices junction checked
 * from both sides against what the documents say.
 */
@ExtendWith(PipelineServices.class)
class MongoDbLiveIT {
    private static final String DATABASE = "nextcrm";
    private static final long SEED = 20_261_207L;
    private static final int PER_MODEL = 12;

    @TempDir
    Path dir;

    @Test
    void shouldConvergeThroughPlanRunAndValidateDespiteAKillAndAServerRestartWhileNextCrmWrites(
            PipelineServices.Services services) throws Exception {
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        try (TestMongoServer mongo = TestMongoServer.start(dir.resolve("mongo.mv"))) {
            String uri = mongo.uri(DATABASE);
            NextCrmWriter.load(mongo.database(DATABASE), MemoryCollections.nextCrm(SEED, PER_MODEL));
            CommandOutput plan = CommandOutput.run("plan", "--source", uri, "--prisma",
                    NextCrmDocuments.writeSchema(dir).toString(), "--work", work.toString());
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            String[] run = {"run", "--source", uri, "--target", target.toString(), "--kafka", services.kafka(),
                "--work", work.toString()};
            Map<String, Integer> operations;
            try (NextCrmWriter writer = NextCrmWriter.start(uri, DATABASE, SEED, 25)) {
                try (CutoverProcess first = CutoverProcess.start(dir.resolve("run1.log"), run)) {
                    first.awaitOutput("streaming live changes", 180);
                    Thread.sleep(3000);
                    first.kill();
                }
                try (CutoverProcess second = CutoverProcess.start(dir.resolve("run2.log"), run)) {
                    second.awaitOutput("streaming live changes", 180);
                    Thread.sleep(2000);
                    writer.pause();
                    mongo.restart();
                    writer.resume();
                    Thread.sleep(4000);
                    writer.close();
                    operations = writer.operations();

                    awaitCaughtUp(work, second);
                    CommandOutput validate = CommandOutput.run("validate", "--full", "--source", uri, "--target",
                            target.toString(), "--work", work.toString());
                    assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
                    assertJunctionFromBothSides(mongo, target, writer.links());

                    CommandOutput stop = CommandOutput.run("stop", "--work", work.toString());
                    assertThat(stop.exitCode()).as(stop.err()).isZero();
                    assertThat(second.awaitExit(60)).as(second.output()).isZero();
                }
            }
            assertThat(operations).as("the application kept writing every kind of change")
                    .containsKeys("insert", "$set", "$push", "$pull", "replace", "delete");
            assertThat(errorLog(work)).as("nothing in the error log").isEmpty();
        }
    }

    /**
     * The junction's pairs are exactly what each Documents document lists in invoiceIDs, exactly what each Invoices
     * document lists in connected_documents, and what the writer linked.
     */
    private static void assertJunctionFromBothSides(TestMongoServer mongo, PgTarget target,
                                                    Map<ObjectId, Set<ObjectId>> links) throws SQLException {
        Set<String> fromDocuments = new TreeSet<>();
        for (BsonDocument document : mongo.collection(DATABASE, "Documents").find()) {
            for (BsonValue invoice : document.getArray("invoiceIDs", new BsonArray())) {
                fromDocuments.add(pair(document.getObjectId("_id").getValue(), invoice.asObjectId().getValue()));
            }
        }
        Set<String> fromInvoices = new TreeSet<>();
        for (BsonDocument invoice : mongo.collection(DATABASE, "Invoices").find()) {
            for (BsonValue document : invoice.getArray("connected_documents", new BsonArray())) {
                fromInvoices.add(pair(document.asObjectId().getValue(), invoice.getObjectId("_id").getValue()));
            }
        }
        Set<String> written = new TreeSet<>();
        links.forEach((document, invoices) -> invoices.forEach(invoice -> written.add(pair(document, invoice))));

        Set<String> junction = new TreeSet<>();
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT \"Documents_id\", \"Invoices_id\" FROM \"Documents_Invoices\"")) {
            while (rows.next()) {
                junction.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        assertThat(fromDocuments).as("Documents.invoiceIDs").isEqualTo(written).isNotEmpty();
        assertThat(fromInvoices).as("Invoices.connected_documents").isEqualTo(written);
        assertThat(junction).as("Documents_Invoices").isEqualTo(written);
    }

    private static String pair(ObjectId document, ObjectId invoice) {
        return ObjectIdUuids.toUuid(document.toHexString()) + " " + ObjectIdUuids.toUuid(invoice.toHexString());
    }

    private static void awaitCaughtUp(Path work, CutoverProcess run) throws Exception {
        try {
            LiveMigrationSupport.awaitCaughtUp(work, 120);
        } catch (AssertionError e) {
            Path log = work.resolve("cutover.log");
            System.out.println("cutover's output:\n" + run.output() + "\ncutover's log:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"));
            throw e;
        }
    }

    private static String errorLog(Path work) throws Exception {
        Path log = work.resolve("errors.jsonl");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
