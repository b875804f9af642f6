package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * The validator's way into a MongoDB database: counts, random samples ({@code $sample}), documents by key
 * ({@code $in} on {@code _id}) and every document of a key range in {@code _id} order, each call seeing the database as
 * it is then. Rows are documents in the raw events' form: the key's BSON bytes and one {@link Document}. Owned tables
 * are read through their collection's main table. Holds one client until closed; one thread at a time.
 */
final class MongoDbReadBack implements ReadBack {
    private static final int KEYS_PER_QUERY = 1000;

    private final MongoEndpoint endpoint;
    private final MongoClient client;

    MongoDbReadBack(MongoEndpoint endpoint, long timeoutMs) {
        this.endpoint = endpoint;
        this.client = endpoint.client(timeoutMs);
    }

    @Override
    public long count(TablePlan table) {
        try {
            return collection(table).countDocuments();
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "count " + table.source(), e);
        }
    }

    @Override
    public List<SourceRow> sample(TablePlan table, int n) {
        try {
            List<SourceRow> rows = new ArrayList<>(n);
            collection(table).aggregate(List.of(Aggregates.sample(n))).forEach(d -> rows.add(row(d)));
            return rows;
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "sample " + table.source(), e);
        }
    }

    @Override
    public List<SourceRow> read(TablePlan table, List<List<Object>> keys) {
        try {
            List<SourceRow> rows = new ArrayList<>(keys.size());
            for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
                List<BsonValue> ids = new ArrayList<>();
                keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY))
                        .forEach(key -> ids.add(DocumentIds.id((ByteBuffer) key.get(0))));
                collection(table).find(Filters.in(IdRange.ID, ids)).forEach(d -> rows.add(row(d)));
            }
            return rows;
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "read " + table.source() + " by key", e);
        }
    }

    @Override
    public Cursor stream(TablePlan table, KeyRange range) {
        BsonValue after = range.after() == null ? null : DocumentIds.id((ByteBuffer) range.after().get(0));
        BsonValue upTo = range.upTo() == null ? null : DocumentIds.id((ByteBuffer) range.upTo().get(0));
        try {
            MongoCursor<RawBsonDocument> cursor = collection(table).find(IdRange.between(after, upTo))
                    .sort(Sorts.ascending(IdRange.ID)).batchSize(1000).cursor();
            return new Rows(cursor);
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "read " + table.source() + " in _id order", e);
        }
    }

    private MongoCollection<RawBsonDocument> collection(TablePlan table) {
        if (!table.fromDocuments() || table.document().owned()) {
            throw new IllegalArgumentException("table " + table.source() + " is not a collection's main table; read "
                    + "owned tables through their collection");
        }
        return client.getDatabase(endpoint.database()).getCollection(table.document().collection(), RawBsonDocument.class);
    }

    private static SourceRow row(RawBsonDocument document) {
        return new SourceRow(List.of(ByteBuffer.wrap(DocumentIds.key(document.get(IdRange.ID)))),
                List.of(new Document(ByteBuffer.wrap(DocumentIds.encode(document)))));
    }

    @Override
    public void close() {
        client.close();
    }

    /** Documents in {@code _id} order, read as they are consumed. */
    private final class Rows implements Cursor {
        private final MongoCursor<RawBsonDocument> cursor;

        Rows(MongoCursor<RawBsonDocument> cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            try {
                return cursor.hasNext();
            } catch (MongoException e) {
                throw MongoDbErrorHandler.failure(endpoint, "read documents in _id order", e);
            }
        }

        @Override
        public SourceRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return row(cursor.next());
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
