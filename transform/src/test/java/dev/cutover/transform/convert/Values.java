package dev.cutover.transform.convert;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;

/** Raw test values. */
final class Values {
    private Values() {
    }

    static InvalidText invalidText(int... bytes) {
        return new InvalidText(blob(bytes));
    }

    static ByteBuffer blob(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return ByteBuffer.wrap(b);
    }
}
