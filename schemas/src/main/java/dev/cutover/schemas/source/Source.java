package dev.cutover.schemas.source;

import dev.cutover.schemas.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One source, parsed from its URI once and handed on in this form. Holds no open resources itself; each method opens
 * what it needs and closes it, apart from the {@link ReadBack} the caller closes. Thread-safe.
 */
public interface Source {

    /** The source's identity in events, plans and reports (e.g. {@code sqlite:/srv/app.db}); never holds a password. */
    String id();

    /** A short human name (a file or database name) that names the migration's topics and work directory entries. */
    String name();

    /** True for a document source (MongoDB, a JSON directory), whose events carry whole documents. */
    boolean documents();

    /**
     * Checks that the source is there and readable (and, for {@link Access#LIVE}, that capture can be installed),
     * before any service starts: a bad source costs no time and leaves nothing behind.
     *
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE or BAD_CONFIGURATION, naming the source and the fix
     */
    void check(Access access);

    /** Introspects and profiles the source into a reviewable plan. */
    Plan plan(PlanOptions options);

    /** The connector that captures this source with {@code plan}'s tables. */
    ConnectorSpec connector(CaptureSettings settings);

    /** The source's change position and capture life cycle. */
    ChangeCapture capture();

    /** Rows (documents) in each source table (collection) now, read together where the source allows. */
    Map<String, Long> rowCounts(List<String> tables);

    /**
     * Opens a read-back of the source.
     *
     * @param consistent true: every call sees the same state of the source (one read transaction, where it has them),
     *                   as {@code export} needs; false: each call sees the source as it is then, as the validator needs
     *                   while changes keep arriving
     */
    ReadBack readBack(boolean consistent);

    /** The source as one file, for backup and restore (a SQLite file); empty for a source that is not one file. */
    default Optional<SourceFile> file() {
        return Optional.empty();
    }

    /**
     * Bytes the source's data takes now, from which the disk space a migration will need is estimated; 0 when the
     * source cannot tell. Reads the source anew.
     */
    default long bytes() {
        return file().map(SourceFile::bytes).orElse(0L);
    }

    /** The file the way back (PostgreSQL to the source after the switch) writes into; empty for sources it cannot. */
    default Optional<WayBackFile> wayBackFile() {
        return Optional.empty();
    }
}
