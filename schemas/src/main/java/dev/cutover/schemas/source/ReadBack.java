package dev.cutover.schemas.source;

import dev.cutover.schemas.plan.TablePlan;
import java.util.Iterator;
import java.util.List;

/**
 * The validator's (and {@code export}'s) way into a source: counts, samples, rows by key, and every row in key order.
 * One read-back is used by one thread at a time and holds its connection until closed. Tables are named by their
 * plan; a document source's owned tables (junction and child tables) are read through their collection.
 *
 * <p>Rows come in the raw events' form ({@link SourceRow}); a table's key order is the source's own (SQLite: the
 * key columns compared as stored, text by its bytes; a document source: {@code _id} in BSON order), and the validator
 * checks that the target gives the same order before relying on it.
 */
public interface ReadBack extends AutoCloseable {

    /** Rows in the table now. */
    long count(TablePlan table);

    /** Up to {@code n} rows picked at random. */
    List<SourceRow> sample(TablePlan table, int n);

    /** The rows with these keys (each parallel to the table's source key columns); keys not found are left out. */
    List<SourceRow> read(TablePlan table, List<List<Object>> keys);

    /** The rows in {@code range}, in key order; the caller closes the cursor. */
    Cursor stream(TablePlan table, KeyRange range);

    @Override
    void close();

    /** Rows in key order, read as they are consumed. */
    interface Cursor extends Iterator<SourceRow>, AutoCloseable {
        @Override
        void close();
    }
}
