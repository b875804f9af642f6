package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.InFlight;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.ValidationOptions;
import dev.cutover.validator.ValidationReport;
import dev.cutover.validator.Validator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One reconciliation of source and target, as {@code validate} and {@code finalize} run it: first the keys with a
 * change on its way (those the source records, e.g. its change log, and the topics when Kafka is reachable), then the
 * {@link Validator}.
 */
final class Validation {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Validation() {
    }

    /**
     * @param kafka     bootstrap servers whose topics hold changes on their way, or null when none can be read
     * @param migration the work directory's migration (its topics and sink offsets), if there is one
     */
    static ValidationReport run(Plan plan, Source source, PgTarget target, String kafka,
                                Optional<WorkDir.Migration> migration, ValidationOptions options, PrintStream progress) {
        InFlight inFlight = new InFlight(plan);
        List<String> notes = new ArrayList<>();
        long logged = inFlight.addSourcePending(source.capture().pendingKeys(plan));
        if (kafka != null && migration.isPresent()) {
            long events = readTopics(inFlight, target, kafka, migration.get());
            progress.printf("validate: %,d changes on their way (%,d in the source's change log, %,d in the topics)%n",
                    logged + events, logged, events);
        } else {
            notes.add("the pipeline's topics were not read (no Kafka for this work directory): only changes still in "
                    + "the source's change log count as pending");
        }
        Validator.Identity identity = new Validator.Identity(plan.source(), target.toString(), notes);
        try {
            return new Validator(plan, options).validate(identity, source, target::connect, inFlight.keys(),
                    table -> progress.println("validate: " + table));
        } catch (SQLException e) {
            throw target.failure("validating", e);
        }
    }

    /** Adds the keys on the migration's topics past what the transformer and the sink committed; returns how many. */
    private static long readTopics(InFlight inFlight, PgTarget target, String kafka, WorkDir.Migration migration) {
        try (Connection postgres = target.connect()) {
            return inFlight.readTopics(kafka, migration.topics(), migration.topics().prefix() + ".transform",
                    migration.id(), postgres);
        } catch (SQLException e) {
            throw target.failure("reading the changes on their way", e);
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "cannot read the pipeline's topics from Kafka at "
                    + kafka + " (" + e.getMessage() + "); check that Kafka is running, or give --kafka");
        }
    }

    /** Writes the report as JSON into the work directory's {@code reports/}, named by time. */
    static Path write(WorkDir work, ValidationReport report) {
        Path reports = work.root().resolve("reports");
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path file = reports.resolve("validate-" + stamp + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = reports.resolve("validate-" + stamp + "-" + n + ".json");
        }
        try {
            Files.createDirectories(reports);
            Files.writeString(file, ReportFormat.json(report), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw CutoverException.config("cannot write the report to " + file + " (" + e.getMessage()
                    + "); check the --work directory's permissions");
        }
    }
}
