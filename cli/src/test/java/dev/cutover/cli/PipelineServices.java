package dev.cutover.cli;

import dev.cutover.cli.runtime.EmbeddedKafka;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.cli.runtime.KafkaCluster;
import dev.cutover.schemas.Topics;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real services integration tests run against: one Kafka broker (single-node KRaft, in this JVM) and one
 * PostgreSQL server (embedded binaries), started once per test JVM with the product's own runtime classes and
 * stopped when the JVM's tests are done. Each test asks for its own database, so tests never see each other's rows.
 */
public final class PipelineServices implements ParameterResolver {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** What a test gets: the broker's address and fresh databases. */
    public static final class Services implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path dir;
        private final EmbeddedKafka kafka;
        private final EmbeddedPostgres postgres;

        private Services() throws IOException {
            dir = Files.createTempDirectory("cutover-it-services");
            postgres = EmbeddedPostgres.start(dir.resolve("postgres"));
            kafka = EmbeddedKafka.start(dir.resolve("kafka"), 64 << 20);
        }

        public String kafka() {
            return kafka.bootstrapServers();
        }

        /** Creates a migration's topics on the broker, with this many partitions each. */
        public void createTopics(Topics topics, int partitions) {
            try (KafkaCluster cluster = KafkaCluster.connect(kafka())) {
                cluster.createTopics(topics, partitions, 1 << 20);
            }
        }

        /** The PostgreSQL server's maintenance database. */
        public PgTarget server() {
            return postgres.target();
        }

        /** A new, empty database on the server. */
        public PgTarget newDatabase() {
            String name = "it_" + DATABASES.incrementAndGet();
            try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name, e);
            }
            PgTarget server = server();
            return PgTarget.of(server.host(), server.port(), name, server.user(), null);
        }

        @Override
        public void close() {
            kafka.close();
            postgres.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Services.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Services.class, key -> {
                    try {
                        return new Services();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, Services.class);
    }
}
