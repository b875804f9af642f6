package dev.cutover.validator.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A target table's key columns, as {@code jsonb_build_object} of them: sampled, or every key in batches. */
final class TargetKeys {
    private final Connection connection;
    private final String qualified;
    private final TablePlan table;

    TargetKeys(Connection connection, String schema, TablePlan table) {
        this.connection = connection;
        this.qualified = Identifiers.qualified(schema, table.target());
        this.table = table;
    }

    List<JsonNode> sample(int n) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select() + " ORDER BY random() LIMIT ?")) {
            statement.setInt(1, n);
            List<JsonNode> keys = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(DocumentValues.parse(rs.getString(1)));
                }
            }
            return keys;
        }
    }

    /** Every key, handed on in batches of {@code batchSize}; read with a cursor, so memory holds one batch. */
    void everyKey(int batchSize, Consumer<List<JsonNode>> batches) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(select())) {
            statement.setFetchSize(batchSize);
            List<JsonNode> batch = new ArrayList<>(batchSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    batch.add(DocumentValues.parse(rs.getString(1)));
                    if (batch.size() == batchSize) {
                        batches.accept(batch);
                        batch = new ArrayList<>(batchSize);
                    }
                }
            }
            if (!batch.isEmpty()) {
                batches.accept(batch);
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    private String select() {
        List<String> pairs = new ArrayList<>();
        for (String column : table.key().targetColumns()) {
            pairs.add(Identifiers.literal(column) + ", t." + Identifiers.quote(column));
        }
        return "SELECT jsonb_build_object(" + String.join(", ", pairs) + ")::text FROM " + qualified + " t";
    }
}
