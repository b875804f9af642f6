package dev.cutover.capture.mongodb;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector for a MongoDB database (a replica set, or a sharded cluster through mongos), on the
 * synchronous driver: a snapshot of every planned collection in {@code _id} order, resumable inside a collection, then
 * one change stream per collection from a position taken before the first read. One task holds the database's one
 * offset. Runs in Debezium's embedded engine, or unchanged on a Connect cluster (with the ByteArrayConverter, since
 * records already carry Avro-encoded keys and values).
 */
public final class MongoDbConnector extends SourceConnector {
    static final String VERSION = "0.1.0";

    private Map<String, String> properties;

    @Override
    public void start(Map<String, String> properties) {
        new MongoDbConnectorConfig(properties);
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MongoDbConnectorTask.class;
    }

    /** One task: the database's position is one offset, committed atomically for every collection. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(properties);
    }

    @Override
    public void stop() {
        properties = null;
    }

    @Override
    public ConfigDef config() {
        return MongoDbConnectorConfig.DEFINITION;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
