package dev.cutover.capture.sqlite;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector for a SQLite database file. One task reads the file: a consistent snapshot of every
 * planned table in one read transaction, then the live changes that triggers record in a change log inside the file
 * (see {@link SqliteChangeLog}). Runs in Debezium's embedded engine, or unchanged on a Connect cluster (with the
 * ByteArrayConverter, since records already carry Avro-encoded keys and values).
 */
public final class SqliteConnector extends SourceConnector {
    private Map<String, String> properties;

    @Override
    public void start(Map<String, String> properties) {
        new SqliteConnectorConfig(properties);
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return SqliteConnectorTask.class;
    }

    /** A SQLite file has one writer at a time, so one task reads it. */
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
        return SqliteConnectorConfig.DEFINITION;
    }

    @Override
    public String version() {
        return CaptureVersion.VERSION;
    }
}
