package dev.cutover.cli.runtime;

import dev.cutover.sink.PgTarget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The services a run needs: Kafka and PostgreSQL, either given ({@code --kafka}, {@code --target}) and probed, or
 * embedded and started with their data in the work directory. Closing stops only what this process started.
 */
public final class Runtime implements AutoCloseable {
    private final EmbeddedPostgres embeddedPostgres;
    private final CompletableFuture<EmbeddedKafka> embeddedKafka;
    private final PgTarget target;
    private final Path workDir;
    private final PrintStream out;
    private KafkaCluster kafka;
    /** Stops the embedded broker once the run no longer needs Kafka (see {@link #releaseKafka}); null until then. */
    private Thread brokerStop;

    private Runtime(EmbeddedPostgres embeddedPostgres, CompletableFuture<EmbeddedKafka> embeddedKafka, PgTarget target,
                    KafkaCluster kafka, Path workDir, PrintStream out) {
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedKafka = embeddedKafka;
        this.target = target;
        this.kafka = kafka;
        this.workDir = workDir;
        this.out = out;
    }

    /**
     * Starts or reaches the services. The embedded broker starts on its own thread while the caller goes on (it takes
     * seconds, as does planning a big source); {@link #kafka()} waits for it.
     *
     * @param target          the given target, or null for the embedded PostgreSQL
     * @param bootstrapServers the given Kafka, or null for the embedded broker
     */
    public static Runtime start(PgTarget target, String bootstrapServers, Path workDir, int maxMessageBytes,
                                PrintStream out) {
        CompletableFuture<EmbeddedKafka> broker = null;
        EmbeddedPostgres postgres = null;
        try {
            KafkaCluster given = null;
            if (bootstrapServers == null) {
                broker = new CompletableFuture<>();
                startBroker(broker, workDir.resolve("kafka"), maxMessageBytes);
            } else {
                given = KafkaCluster.connect(bootstrapServers);
            }
            if (target == null) {
                postgres = EmbeddedPostgres.start(workDir.resolve("postgres"));
                target = postgres.target();
                out.println("target: embedded PostgreSQL at " + target + " (data in " + workDir.resolve("postgres") + ")");
            } else {
                target.probe();
            }
            return new Runtime(postgres, broker, target, given, workDir, out);
        } catch (RuntimeException e) {
            stopBroker(broker);
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    private static void startBroker(CompletableFuture<EmbeddedKafka> broker, Path dataDir, int maxMessageBytes) {
        Thread starter = new Thread(() -> {
            try {
                broker.complete(EmbeddedKafka.start(dataDir, maxMessageBytes));
            } catch (Throwable e) {
                broker.completeExceptionally(e);
            }
        }, "cutover-kafka-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Waits for a broker still starting, then stops it; a broker that failed to start has nothing to stop. */
    private static void stopBroker(CompletableFuture<EmbeddedKafka> broker) {
        if (broker == null) {
            return;
        }
        try {
            broker.join().close();
        } catch (CompletionException | CancellationException ignored) {
            // it never started
        }
    }

    public PgTarget target() {
        return target;
    }

    /** Kafka, once reachable: waits for the embedded broker to finish starting (its failure is thrown here). */
    public synchronized KafkaCluster kafka() {
        if (brokerStop != null) {
            throw new IllegalStateException("Kafka was released: this run said it no longer needs it");
        }
        if (kafka == null) {
            EmbeddedKafka broker;
            try {
                broker = embeddedKafka.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
            out.println("kafka: embedded broker at " + broker.bootstrapServers() + " (data in " + workDir.resolve("kafka")
                    + ")");
            kafka = KafkaCluster.connect(broker.bootstrapServers());
        }
        return kafka;
    }

    public boolean embeddedKafka() {
        return embeddedKafka != null;
    }

    /**
     * Nothing more goes through Kafka in this run: the client closes, and an embedded broker starts its controlled
     * shutdown now, on its own thread, while the run finishes its PostgreSQL and SQLite work; {@link #close} waits
     * for it, so the broker's logs are always closed cleanly. A given Kafka is only disconnected from.
     */
    public synchronized void releaseKafka() {
        if (brokerStop != null) {
            return;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        brokerStop = new Thread(() -> stopBroker(embeddedKafka), "cutover-kafka-stop");
        brokerStop.start();
    }

    @Override
    public synchronized void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (brokerStop == null) {
            stopBroker(embeddedKafka);
        } else {
            awaitBrokerStop();
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
        }
    }

    private void awaitBrokerStop() {
        try {
            brokerStop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
