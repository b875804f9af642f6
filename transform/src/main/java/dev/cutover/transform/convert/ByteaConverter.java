package dev.cutover.transform.convert;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code bytea}: output a {@link ByteBuffer} over the bytes (a duplicate: the caller's position is never moved).
 *
 * <p>BLOB as is. TEXT as its UTF-8 bytes, which is lossless and what SQLite's {@code CAST(x AS BLOB)} gives (a
 * text with an unpaired surrogate has no UTF-8 form and fails). Non-UTF-8 TEXT as its raw bytes, also lossless.
 * Numbers fail: which bytes a number stands for is not defined.
 */
final class ByteaConverter extends StorageClassConverter {

    ByteaConverter(Target target) {
        super(target);
    }

    @Override
    protected Object fromBlob(ByteBuffer blob) {
        return blob.duplicate();
    }

    @Override
    protected Object fromInvalidText(InvalidText text) {
        return text.getBytes().duplicate();
    }

    @Override
    protected Object fromText(String text) {
        int bad = Chars.firstUnpairedSurrogate(text);
        if (bad >= 0) {
            throw target.fail(text, "contains an unpaired UTF-16 surrogate U+" + Integer.toHexString(text.charAt(bad))
                    + " at position " + bad + ", which has no UTF-8 encoding; fix the value in the source");
        }
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
