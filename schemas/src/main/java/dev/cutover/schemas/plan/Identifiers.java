package dev.cutover.schemas.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PostgreSQL identifiers: the one quoting helper every stage uses, and the one rule for shortening names that
 * exceed PostgreSQL's limit of {@value #MAX_BYTES} bytes. {@link #quote} and {@link #literal} follow the SQL standard,
 * which SQLite follows too, so capture quotes SQLite's names and strings with them as well.
 */
public final class Identifiers {
    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers are truncated silently by the server. */
    public static final int MAX_BYTES = 63;
    private static final int HASH_CHARS = 8;

    private Identifiers() {
    }

    /** The identifier as a quoted SQL name: {@code a"b} becomes {@code "a""b"}. Names are kept exactly. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** A string as an SQL literal: {@code it's} becomes {@code 'it''s'}. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** True when PostgreSQL keeps the name as it is. */
    public static boolean fits(String name) {
        return byteLength(name) <= MAX_BYTES;
    }

    /**
     * The name itself when it fits; otherwise its longest prefix that leaves room for {@code _} and 8 hex characters
     * of the SHA-256 of the full name, cut at a character boundary. Stable: the same name always gives the same result,
     * and two long names that share a prefix still differ.
     */
    public static String fit(String name) {
        if (fits(name)) {
            return name;
        }
        int budget = MAX_BYTES - 1 - HASH_CHARS;
        StringBuilder prefix = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = byteLength(new String(Character.toChars(codePoint)));
            if (bytes + size > budget) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return prefix + "_" + hash(name);
    }

    static int byteLength(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; hex.length() < HASH_CHARS; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
