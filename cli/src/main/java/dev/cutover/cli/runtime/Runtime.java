package dev.cutover.cli.runtime;

import dev.cutover.sink.PgTarget;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The services a run needs: Kafka and PostgreSQL, either given ({@code --kafka}, {@code --target}) and probed, or
 * embedded and started with their data in the work directory. Closing stops only what this process started.
 */
public final class Runtime implements AutoCloseable {
    private final EmbeddedPostgres embeddedPostgres;
    private final EmbeddedKafka embeddedKafka;
    private final PgTarget target;
    private final KafkaCluster kafka;

    private Runtime(EmbeddedPostgres embeddedPostgres, EmbeddedKafka embeddedKafka, PgTarget target, KafkaCluster kafka) {
        this.embeddedPostgres = embeddedPostgres;
        this.embeddedKafka = embeddedKafka;
        this.target = target;
        this.kafka = kafka;
    }

    /**
     * @param target          the given target, or null for the embedded PostgreSQL
     * @param bootstrapServers the given Kafka, or null for the embedded broker
     */
    public static Runtime start(PgTarget target, String bootstrapServers, Path workDir, int maxMessageBytes,
                                PrintStream out) {
        EmbeddedPostgres postgres = null;
        EmbeddedKafka broker = null;
        try {
            if (target == null) {
                postgres = EmbeddedPostgres.start(workDir.resolve("postgres"));
                target = postgres.target();
                out.println("target: embedded PostgreSQL at " + target + " (data in " + workDir.resolve("postgres") + ")");
            } else {
                target.probe();
            }
            if (bootstrapServers == null) {
                broker = EmbeddedKafka.start(workDir.resolve("kafka"), maxMessageBytes);
                bootstrapServers = broker.bootstrapServers();
                out.println("kafka: embedded broker at " + bootstrapServers + " (data in " + workDir.resolve("kafka") + ")");
            }
            KafkaCluster kafka = KafkaCluster.connect(bootstrapServers);
            return new Runtime(postgres, broker, target, kafka);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    public PgTarget target() {
        return target;
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public boolean embeddedKafka() {
        return embeddedKafka != null;
    }

    @Override
    public void close() {
        kafka.close();
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
        }
    }
}
