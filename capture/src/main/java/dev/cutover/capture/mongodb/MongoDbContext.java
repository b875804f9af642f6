package dev.cutover.capture.mongodb;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * What the snapshot and streaming of one database work with. Used by the task's polling thread only.
 *
 * @param sourceId     the source's identity in events ({@link MongoEndpoint#id()})
 * @param database     the captured database, read with the connection string's read preference
 * @param collections  the planned collections, in plan order
 * @param records      how records are built
 * @param batchRows    documents (or changes) taken per poll
 * @param stepMaxBytes a snapshot poll stops reading once its documents reach this size
 */
record MongoDbContext(String sourceId, MongoDatabase database, List<String> collections, MongoDbRecords records,
                      int batchRows, int stepMaxBytes) {

    MongoCollection<RawBsonDocument> collection(String name) {
        return database.getCollection(name, RawBsonDocument.class);
    }

    /** What one poll of the snapshot or of streaming gave: its records and where capture stands after them. */
    record Polled(List<org.apache.kafka.connect.source.SourceRecord> records, MongoDbOffsetContext after, boolean idle) {
    }
}
