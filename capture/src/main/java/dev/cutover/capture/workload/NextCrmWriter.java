package dev.cutover.capture.workload;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.cutover.capture.document.DocumentCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The NextCRM application writing to MongoDB while a migration runs, on its own client and thread: new documents,
 * {@code $set} of text, enum and Json fields, links and unlinks of the many-to-many relation between Documents and
 * Invoices ({@code $push} and {@code $pull} on both sides, as Prisma's connect and disconnect do), whole-document
 * replacements, and deletes of the documents it made (unlinked from their invoices first). References stay consistent
 * on both sides after every completed operation pair, so the source is a valid NextCRM database whenever the writer
 * is paused or closed. The same seed gives the same choices. The tests run it on its own thread ({@link #start});
 * {@code cutover bench} paces it ({@link #open}, {@link #step}) with every write stamped with its time.
 */
public final class NextCrmWriter implements AutoCloseable {
    static final String DOCUMENTS = "Documents";
    static final String INVOICES = "Invoices";
    /** The list of Documents naming its invoices, and the list of Invoices naming its documents. */
    static final String INVOICE_IDS = "invoiceIDs";
    static final String CONNECTED_DOCUMENTS = "connected_documents";
    private static final List<String> RELATION_LISTS = List.of(INVOICE_IDS, "opportunityIDs", "contactsIDs",
            "tasksIDs", "crm_accounts_tasksIDs", "leadsIDs", "accountsIDs");
    private static final List<String> SYSTEM_TYPES = List.of("INVOICE", "RECEIPT", "CONTRACT", "OFFER", "OTHER");

    private final MongoClient client;
    private final MongoDatabase database;
    private final Random random;
    private final long pauseMs;
    /** Whether every write sets its document's description to {@link #stamp()}. */
    private final boolean stamped;
    private long lastStamp;
    private final List<ObjectId> documents = new ArrayList<>();
    private final List<ObjectId> invoices = new ArrayList<>();
    private final List<ObjectId> made = new ArrayList<>();
    /** Document to the invoices it is linked with, as both sides say. */
    private final Map<ObjectId, Set<ObjectId>> links = new HashMap<>();
    private final Map<String, Integer> operations = new LinkedHashMap<>();
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopped;

    private NextCrmWriter(String uri, String database, long seed, int perSecond, boolean stamped) {
        this.client = MongoClients.create(uri);
        this.database = client.getDatabase(database);
        this.random = new Random(seed);
        this.pauseMs = perSecond == 0 ? 0 : 1000L / perSecond;
        this.stamped = stamped;
        readRelation();
        this.thread = new Thread(this::write, "app-writer-nextcrm");
        thread.setDaemon(true);
    }

    /** Inserts every collection's documents into {@code database}. */
    public static void load(MongoDatabase database, DocumentCollections collections) {
        for (String collection : collections.collections()) {
            List<BsonDocument> documents = new ArrayList<>();
            try (DocumentCollections.Cursor cursor = collections.documents(collection)) {
                cursor.forEachRemaining(documents::add);
            }
            if (!documents.isEmpty()) {
                database.getCollection(collection, BsonDocument.class).insertMany(documents);
            }
        }
    }

    /** Starts writing about {@code perSecond} operations a second to {@code database} of the server at {@code uri}. */
    public static NextCrmWriter start(String uri, String database, long seed, int perSecond) {
        NextCrmWriter writer = new NextCrmWriter(uri, database, seed, perSecond, false);
        writer.thread.start();
        return writer;
    }

    /**
     * A writer that writes only when asked ({@link #step}), on the caller's thread. Every insert, update and replacement
     * sets the document's {@code description} to {@code "at "} and the microseconds since the epoch when it was sent
     * (increasing from write to write), so whoever sees the change can tell how long it took; deletes carry no stamp.
     */
    public static NextCrmWriter open(String uri, String database, long seed) {
        return new NextCrmWriter(uri, database, seed, 0, true);
    }

    /** One operation of the application's mix, as the writer's thread does them; returns the writes it made. */
    public int step() {
        running.lock();
        try {
            return operation();
        } finally {
            running.unlock();
        }
    }

    /** Waits for the operation under way, then holds the writer (e.g. while the server restarts). */
    public void pause() {
        running.lock();
    }

    /** Lets the writer go on once the server answers again. */
    public void resume() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
                break;
            } catch (MongoException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
        running.unlock();
    }

    /** Operations done so far, by kind. */
    public synchronized Map<String, Integer> operations() {
        return new LinkedHashMap<>(operations);
    }

    /** All operations done so far. */
    public synchronized int total() {
        return operations.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The pairs of the Documents-Invoices relation as the writer made them: document to invoices. */
    public synchronized Map<ObjectId, Set<ObjectId>> links() {
        Map<ObjectId, Set<ObjectId>> copy = new HashMap<>();
        links.forEach((document, linked) -> copy.put(document, new LinkedHashSet<>(linked)));
        return copy;
    }

    /** Stops after the operation under way; fails with the writer's own failure, if it had one. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(60));
        client.close();
        if (failure.get() != null) {
            throw new AssertionError("the NextCRM writer failed", failure.get());
        }
    }

    private void readRelation() {
        for (BsonDocument document : collection(DOCUMENTS).find()) {
            ObjectId id = document.getObjectId("_id").getValue();
            documents.add(id);
            Set<ObjectId> linked = new LinkedHashSet<>();
            document.getArray(INVOICE_IDS, new BsonArray()).forEach(v -> linked.add(v.asObjectId().getValue()));
            links.put(id, linked);
        }
        for (BsonDocument invoice : collection(INVOICES).find()) {
            invoices.add(invoice.getObjectId("_id").getValue());
        }
    }

    private void write() {
        try {
            while (!stopped) {
                step();
                Thread.sleep(pauseMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure.set(e);
        }
    }

    private int operation() {
        int dice = random.nextInt(100);
        if (dice < 20) {
            return insert();
        } else if (dice < 45) {
            return set();
        } else if (dice < 75) {
            return toggleLink();
        } else if (dice < 85) {
            return replace();
        } else if (made.isEmpty()) {
            return insert();
        } else {
            return delete();
        }
    }

    /** A new document like an existing one, linked to nothing yet. */
    private int insert() {
        BsonDocument document = collection(DOCUMENTS).find(Filters.eq("_id", pick(documents))).first().clone();
        ObjectId id = new ObjectId();
        document.put("_id", new BsonObjectId(id));
        document.put("document_name", new BsonString("made " + id.toHexString()));
        RELATION_LISTS.forEach(field -> document.put(field, new BsonArray()));
        if (stamped) {
            document.put("description", new BsonString(stamp()));
        }
        collection(DOCUMENTS).insertOne(document);
        synchronized (this) {
            documents.add(id);
            made.add(id);
            links.put(id, new LinkedHashSet<>());
        }
        count("insert");
        return 1;
    }

    private int set() {
        if (random.nextBoolean()) {
            collection(DOCUMENTS).updateOne(Filters.eq("_id", pick(documents)), Updates.combine(
                    Updates.set("description", text("edited")),
                    Updates.set("document_system_type", SYSTEM_TYPES.get(random.nextInt(SYSTEM_TYPES.size())))));
        } else {
            BsonArray items = new BsonArray();
            for (int i = 0; i <= random.nextInt(3); i++) {
                items.add(new BsonDocument("name", new BsonString("line " + i))
                        .append("quantity", new BsonInt32(1 + random.nextInt(9))));
            }
            collection(INVOICES).updateOne(Filters.eq("_id", pick(invoices)), stamp(Updates.set("invoice_items", items)));
        }
        count("$set");
        return 1;
    }

    /** Links a document and an invoice on both sides, or unlinks them when they are linked. */
    private int toggleLink() {
        ObjectId document = pick(documents);
        ObjectId invoice = pick(invoices);
        boolean linked;
        synchronized (this) {
            linked = links.get(document).contains(invoice);
        }
        if (linked) {
            collection(DOCUMENTS).updateOne(Filters.eq("_id", document), stamp(Updates.pull(INVOICE_IDS, invoice)));
            collection(INVOICES).updateOne(Filters.eq("_id", invoice), stamp(Updates.pull(CONNECTED_DOCUMENTS, document)));
        } else {
            collection(DOCUMENTS).updateOne(Filters.eq("_id", document), stamp(Updates.push(INVOICE_IDS, invoice)));
            collection(INVOICES).updateOne(Filters.eq("_id", invoice), stamp(Updates.push(CONNECTED_DOCUMENTS, document)));
        }
        synchronized (this) {
            if (linked) {
                links.get(document).remove(invoice);
            } else {
                links.get(document).add(invoice);
            }
        }
        count(linked ? "$pull" : "$push");
        return 2;
    }

    /** The whole invoice written again: a field changed, an optional one left out, its links kept. */
    private int replace() {
        ObjectId id = pick(invoices);
        BsonDocument invoice = collection(INVOICES).find(Filters.eq("_id", id)).first();
        invoice.put("description", new BsonString(text("replaced")));
        invoice.remove("partner");
        invoice.put("last_updated", new BsonDateTime(System.currentTimeMillis()));
        collection(INVOICES).replaceOne(Filters.eq("_id", id), invoice);
        count("replace");
        return 1;
    }

    /** A document the writer made, unlinked from its invoices, then deleted. */
    private int delete() {
        ObjectId id = made.get(random.nextInt(made.size()));
        Set<ObjectId> linked;
        synchronized (this) {
            linked = new LinkedHashSet<>(links.get(id));
        }
        for (ObjectId invoice : linked) {
            collection(INVOICES).updateOne(Filters.eq("_id", invoice), stamp(Updates.pull(CONNECTED_DOCUMENTS, id)));
        }
        collection(DOCUMENTS).deleteOne(Filters.eq("_id", id));
        synchronized (this) {
            made.remove(id);
            documents.remove(id);
            links.remove(id);
        }
        count("delete");
        return linked.size() + 1;
    }

    /** A description: the stamp when stamped, else {@code what} and a number. */
    private String text(String what) {
        return stamped ? stamp() : what + " " + random.nextInt(1000);
    }

    /** {@code update}, setting the description to the stamp too when stamped. */
    private Bson stamp(Bson update) {
        return stamped ? Updates.combine(update, Updates.set("description", stamp())) : update;
    }

    /** {@code "at "} and the microseconds since the epoch now, above the previous stamp. */
    private String stamp() {
        Instant now = Instant.now();
        lastStamp = Math.max(lastStamp + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
        return "at " + lastStamp;
    }

    private ObjectId pick(List<ObjectId> ids) {
        synchronized (this) {
            return ids.get(random.nextInt(ids.size()));
        }
    }

    private synchronized void count(String kind) {
        operations.merge(kind, 1, Integer::sum);
    }

    private MongoCollection<BsonDocument> collection(String name) {
        return database.getCollection(name, BsonDocument.class);
    }
}
