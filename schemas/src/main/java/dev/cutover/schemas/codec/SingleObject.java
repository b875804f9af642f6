package dev.cutover.schemas.codec;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Avro single-object encoding: the marker {@code C3 01}, the schema's 64-bit CRC-64-AVRO fingerprint (little-endian),
 * then the datum. The fingerprint makes every record self-identifying against the schemas in {@code schemas/}.
 */
final class SingleObject {
    private SingleObject() {
    }

    static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = (byte) 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** True when {@code bytes} begin with {@code header}. */
    static boolean startsWith(byte[] bytes, byte[] header) {
        if (bytes.length < header.length) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (bytes[i] != header[i]) {
                return false;
            }
        }
        return true;
    }

    /** A reader positioned after the header, or an error naming what the bytes are not. */
    static AvroReader reader(byte[] bytes, byte[] header, String what) {
        if (bytes.length < header.length) {
            throw new IllegalArgumentException("not a " + what + ": " + bytes.length + " bytes");
        }
        for (int i = 0; i < header.length; i++) {
            if (bytes[i] != header[i]) {
                throw new IllegalArgumentException("not a " + what + " (wrong single-object header or schema fingerprint)");
            }
        }
        return new AvroReader(bytes, header.length);
    }
}
