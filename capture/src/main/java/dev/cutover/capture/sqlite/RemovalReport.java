package dev.cutover.capture.sqlite;

import java.util.List;

/**
 * What {@link SqliteChangeLog#remove} did to a source.
 *
 * @param droppedTriggers     Cutover's triggers that were dropped
 * @param droppedTables       Cutover's tables that were dropped (the change log and its state)
 * @param originalJournalMode the journal mode the file had before Cutover first touched it, or null when unknown
 *                            (capture was not installed)
 * @param journalMode         the journal mode the file has now
 * @param warnings            what could not be undone, each with what to do about it; empty when the file is as it
 *                            was before Cutover
 */
public record RemovalReport(List<String> droppedTriggers, List<String> droppedTables, String originalJournalMode,
                            String journalMode, List<String> warnings) {

    public RemovalReport {
        droppedTriggers = List.copyOf(droppedTriggers);
        droppedTables = List.copyOf(droppedTables);
        warnings = List.copyOf(warnings);
    }

    /** False when there was nothing of Cutover's in the file. */
    public boolean wasInstalled() {
        return !droppedTriggers.isEmpty() || !droppedTables.isEmpty();
    }

    /** True when the file's journal mode is the one it had before Cutover (or that mode is unknown). */
    public boolean journalModeRestored() {
        return originalJournalMode == null || originalJournalMode.equalsIgnoreCase(journalMode);
    }

    /** One line for the operator. */
    public String summary() {
        if (!wasInstalled()) {
            return "no Cutover capture was installed in the source; nothing to remove";
        }
        String removed = "removed " + droppedTriggers.size() + " capture triggers and " + droppedTables.size()
                + " capture tables";
        return warnings.isEmpty() ? removed + "; journal mode is " + journalMode + " as before"
                : removed + "; " + String.join("; ", warnings);
    }
}
