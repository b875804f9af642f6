package dev.cutover.transform.document;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Document;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The form of a document source's raw events (see ChangeEvent's documentation): the key is one BSON document under the
 * key column {@value #KEY_COLUMN}, the value one {@link Document} under the column {@value #DOCUMENT_COLUMN} (none for
 * a delete). For error reports both read as relaxed Extended JSON.
 */
public final class DocumentEvents {
    public static final String KEY_COLUMN = "$key";
    public static final String DOCUMENT_COLUMN = "$document";

    private DocumentEvents() {
    }

    /** True when the event's key is a document source's key. */
    public static boolean isDocumentEvent(ChangeEvent event) {
        return keyBytes(event) != null;
    }

    /** The key document as relaxed Extended JSON, or null when the event has none or it is not readable. */
    public static String keyJson(ChangeEvent event) {
        ByteBuffer bytes = keyBytes(event);
        return bytes == null ? null : ExtendedJsonWriter.ofBytes(bytes);
    }

    /** The document as relaxed Extended JSON (a name twice stays twice), or null when it is absent or unreadable. */
    public static String documentJson(ChangeEvent event) {
        ByteBuffer bytes = documentBytes(event);
        return bytes == null ? null : ExtendedJsonWriter.ofBytes(bytes);
    }

    /** The key's BSON bytes, or null when the event's key is not one document. */
    static ByteBuffer keyBytes(ChangeEvent event) {
        List<Object> key = event.getKey();
        return key.size() == 1 && key.get(0) instanceof ByteBuffer bytes
                && event.getKeyColumns().size() == 1 && KEY_COLUMN.equals(event.getKeyColumns().get(0)) ? bytes : null;
    }

    /** The document's BSON bytes, or null when the event carries no document. */
    static ByteBuffer documentBytes(ChangeEvent event) {
        List<Object> values = event.getValues();
        return values.size() == 1 && values.get(0) instanceof Document document ? document.getBson() : null;
    }
}
