package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.errorlog.ErrorLogEntry;
import dev.cutover.validator.InFlight;
import dev.cutover.validator.LoggedKeys;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.RowKey;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reconciliation of source and target, as {@code validate} and {@code finalize} run it: first the keys with a
 * change on its way (those the source records, e.g. its change log, and the topics when Kafka is reachable), then the
 * {@link Validator}, which compares every key the error log names besides its sample.
 */
final class Validation {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Validation() {
    }

    /**
     * What a validation reads.
     *
     * @param kafka     bootstrap servers whose topics hold changes on their way, or null when none can be read
     * @param migration the work directory's migration (its topics and sink offsets), if there is one
     */
    record Scope(Plan plan, Source source, PgTarget target, String kafka, Optional<WorkDir.Migration> migration) {
    }

    /**
     * @param logged the keys the error log names: compared besides the sample (see {@link #loggedKeys})
     */
    static ValidationReport run(Scope scope, ValidationOptions options, LoggedKeys logged, PrintStream progress) {
        Plan plan = scope.plan();
        InFlight inFlight = new InFlight(plan);
        List<String> notes = new ArrayList<>();
        long pending = inFlight.addSourcePending(scope.source().capture().pendingKeys(plan));
        if (scope.kafka() != null && scope.migration().isPresent()) {
            long events = readTopics(inFlight, scope.target(), scope.kafka(), scope.migration().get());
            progress.printf("validate: %,d changes on their way (%,d in the source's change log, %,d in the topics)%n",
                    pending + events, pending, events);
        } else {
            notes.add("the pipeline's topics were not read (no Kafka for this work directory): only changes still in "
                    + "the source's change log count as pending");
        }
        if (!options.full() && logged.size() > 0) {
            notes.add("besides the sample, " + (logged.size() == 1 ? "the key the error log names was compared"
                    : "the " + logged.size() + " keys the error log names were compared"));
        }
        Validator.Identity identity = new Validator.Identity(plan.source(), scope.target().toString(), notes);
        try {
            return new Validator(plan, options).validate(identity, scope.source(), scope.target()::connect,
                    inFlight.keys(), logged, table -> progress.println("validate: " + table));
        } catch (SQLException e) {
            throw scope.target().failure("validating", e);
        }
    }

    /**
     * The keys of the error log's entries, as the validator names keys; a key is accepted when every entry for it was
     * accepted. Entries of tables the plan does not have are left out.
     */
    static LoggedKeys loggedKeys(Plan plan, List<ErrorLogEntry> entries) {
        Map<String, Set<String>> logged = new HashMap<>();
        Map<String, Set<String>> accepted = new HashMap<>();
        Map<String, Set<String>> blocking = new HashMap<>();
        for (ErrorLogEntry entry : entries) {
            Optional<TablePlan> table = plan.table(entry.table());
            if (table.isEmpty()) {
                continue;
            }
            String key = RowKey.normalize(entry.keyText(), table.get().key().sourceColumns());
            logged.computeIfAbsent(entry.table(), t -> new HashSet<>()).add(key);
            (entry.isAccepted() ? accepted : blocking).computeIfAbsent(entry.table(), t -> new HashSet<>()).add(key);
        }
        blocking.forEach((table, keys) -> accepted.getOrDefault(table, new HashSet<>()).removeAll(keys));
        return new LoggedKeys(logged, accepted);
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
        return write(work, "validate", ReportFormat.json(report));
    }

    /** Writes a JSON report into the work directory's {@code reports/} as {@code <kind>-<time>.json}. */
    static Path write(WorkDir work, String kind, String json) {
        Path reports = work.root().resolve("reports");
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path file = reports.resolve(kind + "-" + stamp + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = reports.resolve(kind + "-" + stamp + "-" + n + ".json");
        }
        try {
            Files.createDirectories(reports);
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw CutoverException.config("cannot write the report to " + file + " (" + e.getMessage()
                    + "); check the --work directory's permissions");
        }
    }
}
