package dev.cutover.capture.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.bson.BsonDocument;

/**
 * The in-process test server: mongo-java-server on an H2 file with its oplog on, bound to a local port that a restart
 * keeps, so a client (and capture) sees the same server go away and come back with its data and oplog. Other modules'
 * tests use it through capture's test jar.
 */
public final class TestMongoServer implements AutoCloseable {
    private final Path file;
    private int port;
    private MongoServer server;
    private MongoClient client;

    private TestMongoServer(Path file) {
        this.file = file;
    }

    public static TestMongoServer start(Path file) {
        TestMongoServer server = new TestMongoServer(file);
        server.open();
        return server;
    }

    private void open() {
        server = new MongoServer(new H2Backend(file.toString()));
        server.enableOplog();
        if (port == 0) {
            InetSocketAddress address = server.bind();
            port = address.getPort();
        } else {
            server.bind("127.0.0.1", port);
        }
    }

    /** {@code mongodb://127.0.0.1:PORT/DATABASE}. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** A client of the server, kept open across restarts. */
    public MongoClient client() {
        if (client == null) {
            client = MongoClients.create("mongodb://127.0.0.1:" + port);
        }
        return client;
    }

    public MongoDatabase database(String name) {
        return client().getDatabase(name);
    }

    public MongoCollection<BsonDocument> collection(String database, String name) {
        return database(database).getCollection(name, BsonDocument.class);
    }

    /**
     * Stops the server and starts it again on the same file and port. The server stamps its oplog with the wall clock's
     * second and a counter that starts again at every start, so the restart waits for the next second: an entry made
     * after it must sort after every entry made before.
     */
    public void restart() throws InterruptedException {
        server.shutdownNow();
        if (client != null) {
            client.close();
            client = null;
        }
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 <= second) {
            Thread.sleep(20);
        }
        open();
    }

    public void stop() {
        server.shutdownNow();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        server.shutdownNow();
    }
}
