package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.DocumentFileReader.Document;
import dev.cutover.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The error log's entries for what capture cannot take from a directory: each names the collection, the file and line
 * ({@code key} holds {@code $file}, {@code $line} and the document's key when it has one), the document as it was
 * written or read (when it is at most 64 KiB), the reason and what to do. A problem found again (capture restarted,
 * the file read again) has the same id, so the error log keeps it once. Thread-safe.
 */
final class CaptureProblems {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final String FILE = "$file";
    private static final String LINE = "$line";

    private final String sourceId;

    CaptureProblems(String sourceId) {
        this.sourceId = sourceId;
    }

    /** A document that is not valid (JSON, Extended JSON, UTF-8, size, shape). */
    DeadLetter invalid(String collection, String path, Document document) {
        return letter(collection, path, document.line(), null, text(document.text()),
                document.problem(), document.start() + ":" + digest(document.text(), document.problem()));
    }

    /** A document whose key another document of the collection holds. */
    DeadLetter duplicate(String collection, String path, Document document, byte[] key, String holder) {
        String where = holder.equals(path) ? "earlier in this file" : "in " + holder;
        return letter(collection, path, document.line(), key, row(document.bson()), "a document with this key is "
                + where + ", and a key identifies one document; this one is not migrated while that one exists: give "
                + "it another key, or remove one of them", document.start() + ":" + digest(document.bson(), "dup"));
    }

    /** A document without the fields that identify documents of its collection. */
    DeadLetter keyless(String collection, String path, Document document, String reason) {
        return letter(collection, path, document.line(), null, row(document.bson()), reason,
                document.start() + ":" + digest(document.bson(), "key"));
    }

    /** The end of a collection file that has stayed unfinished after the file stopped changing. */
    DeadLetter unfinished(String collection, String path, Document document) {
        return letter(collection, path, document.line(), null, text(document.text()), "the file ends inside this "
                + "document and has stopped changing (a writer stopped half-way?); it is read once it is complete, "
                + "and nothing after it is read before", document.start() + ":" + digest(document.text(), "tail"));
    }

    /** A folder's file that is not one document: the collection keeps the document it held before. */
    DeadLetter invalidFile(String collection, String path, Document document, boolean kept) {
        return letter(collection, path, document.line(), null, text(document.text()), document.problem()
                + (kept ? "; the document it held before stays until it reads as one document again" : ""),
                "file:" + digest(document.text(), document.problem()));
    }

    /** A collection the plan does not have: its documents are not captured. */
    DeadLetter unplanned(String collection, String path) {
        return letter(collection, path, 0, null, null, "collection " + collection + " is not in the plan, so its "
                + "documents are not captured: run `cutover plan` again (it plans every collection the directory "
                + "holds), then run again", "unplanned");
    }

    /** A collection file was removed: its documents stay. */
    DeadLetter removed(String collection, String path, String identity, long documents) {
        return letter(collection, path, 0, null, null, "the collection file was removed; its " + documents
                + " documents stay in PostgreSQL, as removing a file does not say its documents were deleted (to "
                + "delete them, empty the file instead)", "removed:" + identity);
    }

    private DeadLetter letter(String collection, String path, long line, byte[] key, String row, String reason,
                              String idSuffix) {
        BsonDocument where = new BsonDocument();
        if (key != null) {
            where.putAll(new RawBsonDocument(key));
        }
        where.put(FILE, new BsonString(path));
        if (line > 0) {
            where.put(LINE, new BsonInt64(line));
        }
        return DeadLetter.newBuilder()
                .setId(sourceId + "/" + path + "/" + idSuffix)
                .setStage("capture")
                .setSource(sourceId)
                .setTable(collection)
                .setKey(where.toJson(RELAXED))
                .setRow(row)
                .setReason((line > 0 ? "file " + path + " line " + line : "file " + path) + ": " + reason)
                .setTimeMs(System.currentTimeMillis())
                .build();
    }

    /** The document as relaxed Extended JSON, when it is small enough to carry. */
    private static String row(byte[] bson) {
        return bson == null || bson.length > DocumentFileReader.KEPT_TEXT ? null : new RawBsonDocument(bson).toJson(RELAXED);
    }

    private static String text(byte[] text) {
        return text == null ? null : new String(text, StandardCharsets.UTF_8);
    }

    private static String digest(byte[] bytes, String salt) {
        byte[] salted = (salt == null ? "" : salt).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[salted.length + (bytes == null ? 0 : bytes.length)];
        System.arraycopy(salted, 0, all, 0, salted.length);
        if (bytes != null) {
            System.arraycopy(bytes, 0, all, salted.length, bytes.length);
        }
        return HexFormat.of().formatHex(DocumentKeyEncoder.sha256(all), 0, 8);
    }
}
