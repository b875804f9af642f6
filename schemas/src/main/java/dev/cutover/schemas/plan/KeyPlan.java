package dev.cutover.schemas.plan;

import java.util.List;

/**
 * How a table's rows are identified. Capture emits the source key with every event; the sink upserts and
 * deletes by the target key.
 *
 * @param kind          where the key comes from
 * @param sourceColumns source key columns in key order; for {@link KeyKind#ROWID} the single pseudo-column {@code rowid};
 *                      for {@link KeyKind#DOCUMENT_ID} {@code _id}, or {@code _id.<field>} per field of a compound id
 * @param targetColumns target key columns in key order; for {@link KeyKind#ROWID} the added column {@link #ROWID_COLUMN}
 * @param name          target constraint name: the primary key, or for {@link KeyKind#ROWID} the unique constraint on
 *                      {@link #ROWID_COLUMN}; null when not decided (existing-target mode, or a plan built by hand, where
 *                      the migration writer uses {@code <table>_pkey} / {@code <table>__cutover_rowid_key})
 */
public record KeyPlan(KeyKind kind, List<String> sourceColumns, List<String> targetColumns, String name) {

    /** The column added to target tables whose source has no primary key; it holds the SQLite rowid. */
    public static final String ROWID_COLUMN = "_cutover_rowid";

    public KeyPlan {
        sourceColumns = List.copyOf(sourceColumns);
        targetColumns = List.copyOf(targetColumns);
        if (sourceColumns.size() != targetColumns.size() || sourceColumns.isEmpty()) {
            throw new IllegalArgumentException("key needs the same non-zero number of source and target columns");
        }
    }

    /** A key whose constraint name is left to the migration writer. */
    public KeyPlan(KeyKind kind, List<String> sourceColumns, List<String> targetColumns) {
        this(kind, sourceColumns, targetColumns, null);
    }

    public enum KeyKind {
        /** The table's declared primary key. */
        PRIMARY_KEY,
        /**
         * No primary key: rows are identified by SQLite's rowid, kept in the added target column
         * {@link KeyPlan#ROWID_COLUMN} (unique). Note: VACUUM may renumber such rowids, so the source must not be
         * vacuumed while a migration is live.
         */
        ROWID,
        /**
         * A document's {@code _id}: the single source column {@code _id}, whatever BSON type it holds (an ObjectId
         * lands as a {@code uuid} by {@link ObjectIdUuids}'s rule; a compound {@code _id} has one target column per
         * field, and its source columns are then {@code _id.<field>}).
         */
        DOCUMENT_ID
    }
}
