package dev.cutover.capture.document;

import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;

/**
 * A document source's collections as the document planner (and any other whole-collection reader) sees them: their
 * names, their documents as a stream, and how each is stored. Implemented by every document source (a JSON directory,
 * MongoDB); nothing here says which source it is.
 *
 * <p>Documents are streamed: a cursor holds at most the documents it is reading, never a whole collection, so a
 * collection may be larger than memory. A collection's cursor gives its documents in a stable order (the same content
 * gives the same order: a file's own order, a folder's files by name, MongoDB's by {@code _id}), which makes plans
 * repeatable. Each call reads the source as it is then; callers do not expect two cursors to agree while the source
 * changes.
 *
 * <p>The caller that opened the collections closes them; cursors are closed by whoever opened them. One instance is
 * used by one thread at a time.
 *
 * <p>The document planner ({@code dev.cutover.capture.document.plan.DocumentPlanner}) reads every collection once.
 */
public interface DocumentCollections extends AutoCloseable {

    /**
     * The collections' names, each once, exactly as the source spells them (a JSON directory: the file or folder name
     * without extension; MongoDB: the collection name), in any order (the planner sorts them). Only the application's
     * collections: a source leaves out its own (MongoDB's {@code system.*} collections), as every listed collection
     * is planned as a table.
     *
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE when the source cannot be listed
     */
    List<String> collections();

    /**
     * True when each document of the collection is a file of its own (a folder of JSON files, one document each), so
     * the file's name identifies a document that has no {@code _id} or {@code id}; false for a collection held in one
     * file (a JSON array, or one document per line) and for a database's collection.
     */
    boolean filePerDocument(String collection);

    /**
     * The number of documents in the collection now, exactly. May read the whole collection where the source keeps no
     * count (a JSON file), so callers that stream the collection anyway count what they read instead; the validator
     * and {@code status} use this.
     *
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE when the collection cannot be read
     */
    long count(String collection);

    /**
     * Opens a cursor over the collection's documents in the collection's stable order. A document that cannot be read
     * (invalid JSON or Extended JSON, a half-written file) is skipped and described in {@link Cursor#unreadable()};
     * a collection that cannot be read at all (its file vanished, the server went away) fails the call or the cursor.
     *
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE when the collection cannot be read
     */
    Cursor documents(String collection);

    /** Releases what the source holds open (files, a client); the default holds nothing. */
    @Override
    default void close() {
    }

    /** A collection's documents, read as they are consumed; each {@link BsonDocument} is the caller's to keep. */
    interface Cursor extends Iterator<BsonDocument>, AutoCloseable {

        /**
         * The documents skipped so far because they could not be read, one line each naming where it is (file, line
         * or document number) and why (e.g. {@code users.json line 17: invalid Extended JSON: ...}); the planner lists
         * them in the plan's warnings. At most a few dozen are kept; {@link #unreadableCount()} counts them all.
         */
        default List<String> unreadable() {
            return List.of();
        }

        /** How many documents were skipped so far because they could not be read. */
        default long unreadableCount() {
            return unreadable().size();
        }

        @Override
        void close();
    }
}
