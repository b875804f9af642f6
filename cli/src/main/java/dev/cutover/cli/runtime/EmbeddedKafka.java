package dev.cutover.cli.runtime;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running inside this process, its log in the work
 * directory so topics and offsets survive restarts. Listens on loopback only, on free ports chosen at each start.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker with its data under {@code dir}, formatting the storage on first use.
     *
     * @param maxMessageBytes largest record the broker accepts
     */
    public static EmbeddedKafka start(Path dir, int maxMessageBytes) {
        return start(dir, maxMessageBytes, 0);
    }

    /** As {@link #start(Path, int)}, listening on {@code port} (0: any free port). */
    public static EmbeddedKafka start(Path dir, int maxMessageBytes, int port) {
        try {
            Files.createDirectories(dir);
            port = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties config = config(dir, port, controllerPort, maxMessageBytes);
            formatIfNew(dir, config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + port;
            LOG.info("embedded Kafka started at {} with data in {}", bootstrap, dir);
            return new EmbeddedKafka(server, bootstrap);
        } catch (IOException | RuntimeException e) {
            throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "cannot start the embedded Kafka broker in " + dir
                    + " (" + e.getMessage() + "); check that the directory is writable, or give --kafka BOOTSTRAP", e);
        }
    }

    private static Properties config(Path dir, int port, int controllerPort, int maxMessageBytes) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("log.dirs", dir.resolve("data").toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("message.max.bytes", Integer.toString(maxMessageBytes + 1024));
        p.put("replica.fetch.max.bytes", Integer.toString(maxMessageBytes + 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.retention.ms", "-1");
        return p;
    }

    private static void formatIfNew(Path dir, Properties config) throws IOException {
        if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        Path file = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.store(writer, "embedded Kafka broker of Cutover");
        }
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
            file.toString()}, quiet);
        if (status != 0) {
            throw new IOException("formatting the broker storage failed with status " + status);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("embedded Kafka stopped");
    }
}
