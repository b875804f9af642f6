package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import dev.cutover.capture.document.DocumentCollections;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * A MongoDB database's collections as the document planner reads them: the application's collections (not
 * {@code system.*}, not views, which have no change streams), each read in {@code _id} order. Holds one client until
 * closed; one thread at a time.
 */
final class MongoDbCollections implements DocumentCollections {
    private final MongoEndpoint endpoint;
    private final MongoClient client;
    private final MongoDatabase database;

    MongoDbCollections(MongoEndpoint endpoint, long timeoutMs) {
        this.endpoint = endpoint;
        this.client = endpoint.client(timeoutMs);
        this.database = client.getDatabase(endpoint.database());
    }

    @Override
    public List<String> collections() {
        List<String> names = new ArrayList<>();
        try {
            for (Document collection : database.listCollections()) {
                String name = collection.getString("name");
                String type = collection.getString("type");
                if (!name.startsWith("system.") && (type == null || type.equals("collection"))) {
                    names.add(name);
                }
            }
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "list the collections", e);
        }
        return names;
    }

    @Override
    public boolean filePerDocument(String collection) {
        return false;
    }

    @Override
    public long count(String collection) {
        try {
            return database.getCollection(collection).countDocuments();
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "count collection " + collection, e);
        }
    }

    @Override
    public Cursor documents(String collection) {
        try {
            MongoCursor<BsonDocument> cursor = database.getCollection(collection, BsonDocument.class).find()
                    .sort(Sorts.ascending(IdRange.ID)).batchSize(1000).cursor();
            return new Cursor() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public BsonDocument next() {
                    return cursor.next();
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "read collection " + collection, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
