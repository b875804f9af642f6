package dev.cutover.schemas.source;

import java.util.Map;

/**
 * The Kafka Connect source connector that captures a source, as Debezium's embedded engine (or a Connect cluster)
 * runs it: its class and its properties. The properties never hold a password in clear where the engine would log
 * them; a source that needs credentials passes them in a property marked as a password in its connector's config.
 *
 * @param connectorClass the {@code SourceConnector} class name
 * @param properties     the connector's own properties (the engine's are added by capture)
 */
public record ConnectorSpec(String connectorClass, Map<String, String> properties) {
    public ConnectorSpec {
        properties = Map.copyOf(properties);
    }
}
