package dev.cutover.capture.jsondir;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector for a directory of JSON files (see {@link JsonDirectory} for the layouts it reads).
 * One task reads the directory: a snapshot of every planned collection, then the changes a periodic walk of the tree
 * finds (appended documents, rewritten, new and removed files). Runs in Debezium's embedded engine, or unchanged on a
 * Connect cluster (with the ByteArrayConverter, since records already carry Avro-encoded keys and values) whose worker
 * can read the directory and the work directory's capture index.
 */
public final class JsonDirConnector extends SourceConnector {
    static final String VERSION = "0.1.0";

    private Map<String, String> properties;

    @Override
    public void start(Map<String, String> properties) {
        new JsonDirConnectorConfig(properties);
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JsonDirConnectorTask.class;
    }

    /** One index and one walk of the tree: one task reads the directory. */
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
        return JsonDirConnectorConfig.DEFINITION;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
