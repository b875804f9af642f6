package dev.cutover.transform.convert;

import java.nio.ByteBuffer;

/** Character and byte helpers shared by the converters. Stateless. */
final class Chars {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Chars() {
    }

    /**
     * Whitespace that may surround a typed value: SQLite's set (space, tab, LF, VT, FF, CR), which both SQLite's
     * numeric affinity and PostgreSQL's input functions ignore.
     */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Index of the first non-space character, or {@code s.length()}. */
    static int start(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** One past the last non-space character at or after {@code from}. */
    static int end(String s, int from) {
        int e = s.length();
        while (e > from && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The two-digit number at {@code i}, or -1 when those are not two digits. */
    static int twoDigits(String s, int i, int end) {
        if (i + 2 > end) {
            return -1;
        }
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        return isDigit(a) && isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    static void appendHex(StringBuilder out, ByteBuffer bytes, int maxBytes) {
        int start = bytes.position();
        int n = Math.min(bytes.remaining(), maxBytes);
        for (int i = 0; i < n; i++) {
            int b = bytes.get(start + i) & 0xff;
            out.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
        }
    }

    static String hex(ByteBuffer bytes) {
        StringBuilder out = new StringBuilder(bytes.remaining() * 2);
        appendHex(out, bytes, bytes.remaining());
        return out.toString();
    }

    static char hexDigit(int nibble) {
        return HEX[nibble];
    }

    /** Index of the first NUL or unpaired surrogate in {@code s}, or -1. */
    static int firstUnstorable(String s) {
        return firstBad(s, false);
    }

    /** Index of the first unpaired surrogate in {@code s}, or -1: such text has no UTF-8 form. */
    static int firstUnpairedSurrogate(String s) {
        return firstBad(s, true);
    }

    private static int firstBad(String s, boolean allowNul) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0 && !allowNul) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
