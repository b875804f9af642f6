package dev.cutover.cli;

import dev.cutover.capture.wayback.ReverseCapture;
import dev.cutover.capture.wayback.WayBackRequirements;
import dev.cutover.capture.wayback.WayBackSlot;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.source.WayBackFile;
import dev.cutover.schemas.wayback.WayBackConfig;
import dev.cutover.sink.wayback.ReverseApplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back: PostgreSQL's changes, made after the switch, streamed into the SQLite file (see {@link ReverseCapture}
 * and {@link ReverseApplier}). {@link #prepare} checks the server and creates the publication and slot, from which
 * moment every change is kept for the stream; {@link #start} runs it until {@link #close}.
 */
final class WayBackService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WayBackService.class);

    private final WayBackConfig config;
    private final ReverseCapture capture;
    private final ReverseApplier applier;
    private final Thread applierThread;

    /** @param file the SQLite file, with capture's change log and state table in it */
    public WayBackService(WayBackConfig config, WayBackFile file) {
        this.config = config;
        this.capture = new ReverseCapture(config);
        this.applier = new ReverseApplier(config, file);
        this.applierThread = new Thread(applier, "cutover-reverse-sink");
    }

    /**
     * Checks the server (every unmet requirement at once, exit 2) and creates the publication, the marker table and
     * the slot when missing. True when the slot is new: changes are kept from this moment.
     */
    public static boolean prepare(WayBackConfig config) {
        try (Connection connection = config.postgres().connect()) {
            WayBackRequirements.require(connection, config.postgres().toString());
            return new WayBackSlot(config.slotName(), config.plan()).create(connection);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "cannot prepare the way back on "
                    + config.postgres() + ": " + e.getMessage(), e);
        }
    }

    /** Drops the slot, the publication and the marker table; false when there was no slot. */
    public static boolean remove(WayBackConfig config) {
        try (Connection connection = config.postgres().connect()) {
            WayBackSlot slot = new WayBackSlot(config.slotName(), config.plan());
            boolean existed = slot.exists(connection);
            slot.drop(connection);
            return existed;
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "cannot remove the way back from "
                    + config.postgres() + ": " + e.getMessage(), e);
        }
    }

    /** True when the way back's slot exists on the server. */
    public static boolean exists(WayBackConfig config) {
        try (Connection connection = config.postgres().connect()) {
            return new WayBackSlot(config.slotName(), config.plan()).exists(connection);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "cannot reach " + config.postgres() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Bytes of WAL the slot holds back; empty without a slot. */
    public static Optional<Long> retainedWalBytes(WayBackConfig config) {
        try (Connection connection = config.postgres().connect()) {
            return new WayBackSlot(config.slotName(), config.plan()).retainedBytes(connection);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Creates the reverse topic (one partition) when missing, then starts both halves. */
    public void start() {
        createTopic();
        applierThread.start();
        capture.start();
        LOG.info("way back: streaming {} into {}", config.postgres(), config.sqlite());
    }

    private void createTopic() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(config.reverseTopic(), 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "cannot create " + config.reverseTopic() + ": "
                        + e.getCause().getMessage(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "Kafka at " + config.bootstrapServers()
                    + " did not create " + config.reverseTopic() + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while creating " + config.reverseTopic(), e);
        }
    }

    /**
     * Waits until SQLite has every change PostgreSQL committed before this call: writes a marker row and waits for the
     * SQLite side to apply it. False when {@code stop} said to give up first.
     */
    public boolean awaitCaughtUp(BooleanSupplier stop) throws InterruptedException {
        String token = UUID.randomUUID().toString();
        try (Connection connection = config.postgres().connect()) {
            new WayBackSlot(config.slotName(), config.plan()).mark(connection, token);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "cannot write the way back's marker on "
                    + config.postgres() + ": " + e.getMessage(), e);
        }
        while (!token.equals(applier.lastMarker())) {
            if (stop.getAsBoolean()) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Counts so far: changes sent to Kafka, written into SQLite, skipped as repeats, sent to the error log. */
    public Counts counts() {
        return new Counts(capture.forwarded(), applier.applied(), applier.skipped(), applier.failed());
    }

    /** Why a half of the way back is not moving (PostgreSQL, Kafka or SQLite unavailable), or empty. */
    public Optional<String> problem() {
        String captureError = capture.lastError();
        return Optional.ofNullable(captureError != null ? "reverse capture: " + captureError
                : applier.lastError() != null ? "SQLite side: " + applier.lastError() : null);
    }

    /** Changes on their way back. */
    public record Counts(long forwarded, long applied, long skipped, long failed) {
    }

    @Override
    public void close() {
        capture.close();
        applier.stop();
        try {
            applierThread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
