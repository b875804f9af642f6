package dev.cutover.schemas.plan;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The id rule: a MongoDB ObjectId becomes a version-8 UUID that embeds its 12 bytes, so the same ObjectId maps to the
 * same UUID everywhere and on every run, a reference maps without a lookup table, and every such UUID tells its
 * ObjectId.
 *
 * <p>For an ObjectId with hex digits {@code h} (24 of them), the UUID's hex digits are
 * {@code h[0:12] + "8" + h[12:15] + "8" + h[15:18] + h[18:24] + "000000"}, written 8-4-4-4-12: the version nibble
 * (8) and the variant nibble (8, RFC 9562's variant) are inserted at their fixed places and the rest is zero. As the
 * inserted digits are constants at fixed places, UUIDs sort (byte by byte, as PostgreSQL sorts {@code uuid}) in the
 * order of their ObjectIds.
 */
public final class ObjectIdUuids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ObjectIdUuids() {
    }

    /** The UUID of the ObjectId with these 12 bytes. */
    public static UUID toUuid(byte[] objectId) {
        if (objectId.length != 12) {
            throw new IllegalArgumentException("an ObjectId has 12 bytes, not " + objectId.length);
        }
        return UUID.fromString(format(uuidHex(hex(objectId))));
    }

    /** The UUID of the ObjectId written as 24 hex digits (either case). */
    public static UUID toUuid(String objectIdHex) {
        if (!isObjectIdHex(objectIdHex)) {
            throw new IllegalArgumentException("'" + objectIdHex + "' is not an ObjectId (24 hex digits)");
        }
        return UUID.fromString(format(uuidHex(objectIdHex.toLowerCase(Locale.ROOT))));
    }

    /** The ObjectId's 24 hex digits (lower case) that {@code uuid} embeds, or empty when it is not one this rule made. */
    public static Optional<String> toObjectIdHex(UUID uuid) {
        String u = uuid.toString().replace("-", "");
        if (u.charAt(12) != '8' || u.charAt(16) != '8' || !u.endsWith("000000")) {
            return Optional.empty();
        }
        return Optional.of(u.substring(0, 12) + u.substring(13, 16) + u.substring(17, 20) + u.substring(20, 26));
    }

    /** True for 24 hex digits. */
    public static boolean isObjectIdHex(String text) {
        if (text == null || text.length() != 24) {
            return false;
        }
        for (int i = 0; i < 24; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String uuidHex(String h) {
        return h.substring(0, 12) + "8" + h.substring(12, 15) + "8" + h.substring(15, 18) + h.substring(18, 24) + "000000";
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static String format(String hex32) {
        return hex32.substring(0, 8) + "-" + hex32.substring(8, 12) + "-" + hex32.substring(12, 16) + "-"
                + hex32.substring(16, 20) + "-" + hex32.substring(20);
    }
}
