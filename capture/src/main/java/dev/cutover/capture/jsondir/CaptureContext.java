package dev.cutover.capture.jsondir;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every step of a directory's capture works with: the directory, the index, the planned collections and their
 * keys, how records and error-log entries are built, and the limits. Used by the task's polling thread only.
 *
 * @param collections  the planned collections (a document plan's main tables) by name, in plan order, with their keys
 * @param batchRows    documents read per step
 * @param stepMaxBytes a step stops reading once its documents reach this size
 * @param maxBytes     the longest document text read
 */
record CaptureContext(JsonDirectory directory, JsonDirIndex index, JsonDirRecords records, CaptureProblems problems,
                      Map<String, DocumentKeyEncoder> collections, Settling settling, int batchRows, int stepMaxBytes,
                      int maxBytes) {

    /** A file capture cannot read (other than one removed meanwhile): capture stops, naming it and the fix. */
    CutoverException unreadable(String path, Throwable cause) {
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot read " + directory.root().resolve(path)
                + " (" + cause.getMessage() + "); check its permissions, then run again", cause);
    }

    /** A layout that makes one collection of two sources stops capture: which one is meant cannot be known. */
    void requireNoClashes(JsonDirectory.Listing listing) {
        if (!listing.clashes().isEmpty()) {
            throw CutoverException.config("capture of " + directory.root() + " cannot continue: "
                    + String.join("; ", listing.clashes()) + "; rename one of them, then run again");
        }
    }

    /** The collections a plan captures: the main table of each collection, keyed as the plan says. */
    static Map<String, DocumentKeyEncoder> collections(Plan plan) {
        Map<String, DocumentKeyEncoder> collections = new LinkedHashMap<>();
        for (TablePlan table : plan.tables()) {
            if (table.fromDocuments() && !table.document().owned()) {
                collections.put(table.document().collection(), DocumentKeyEncoder.of(table.key()));
            }
        }
        return Collections.unmodifiableMap(collections);
    }
}
