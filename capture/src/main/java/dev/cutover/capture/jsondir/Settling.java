package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells whether a file has stopped changing, so it can be read whole: its modification time is at least
 * {@code settle.ms} old, and a scan before this one saw it exactly so (size, modification time, identity) or it is
 * older than the modification-time margin ({@code mtime.margin.ms}, the file system's time resolution). Asking twice
 * covers file systems that keep modification times in whole seconds (a file written a moment ago can look a second
 * old). Used by one thread.
 */
final class Settling {
    private final long settleMs;
    private final long marginMs;
    private final Map<String, Entry> seen = new HashMap<>();

    Settling(long settleMs, long marginMs) {
        this.settleMs = settleMs;
        this.marginMs = marginMs;
    }

    /** How far a modification time may lag behind the write it stamps. */
    long marginMs() {
        return marginMs;
    }

    /** True when {@code file} may be read whole in a scan that began at {@code scanStartMs}. */
    boolean settled(Entry file, long scanStartMs) {
        if (file.mtimeMillis() > scanStartMs - settleMs) {
            seen.put(file.path(), file);
            return false;
        }
        Entry before = seen.put(file.path(), file);
        return file.equals(before) || file.mtimeMillis() <= scanStartMs - Math.max(settleMs, marginMs);
    }

    /** The file was read (or removed): forget what was seen of it. */
    void forget(String path) {
        seen.remove(path);
    }
}
