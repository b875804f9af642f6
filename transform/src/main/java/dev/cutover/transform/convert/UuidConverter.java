package dev.cutover.transform.convert;

import java.nio.ByteBuffer;

/**
 * {@code uuid}: output the canonical lower-case form {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}.
 *
 * <p>TEXT in canonical form in any case, with or without braces ({@code {...}}), or as 32 hex digits without
 * hyphens; surrounding whitespace ignored. A 16-byte BLOB in network byte order (as {@code uuid_send} writes it).
 * Anything else fails.
 */
final class UuidConverter extends StorageClassConverter {
    private static final int[] HYPHENS = {8, 13, 18, 23};

    UuidConverter(Target target) {
        super(target);
    }

    @Override
    protected Object fromText(String text) {
        int b = Chars.start(text);
        int e = Chars.end(text, b);
        if (e - b >= 2 && text.charAt(b) == '{' && text.charAt(e - 1) == '}') {
            b++;
            e--;
        }
        boolean hyphenated = e - b == 36;
        if (!hyphenated && e - b != 32) {
            throw notUuid(text);
        }
        char[] out = new char[36];
        boolean same = hyphenated && b == 0 && e == text.length();
        int o = 0;
        for (int i = b; i < e; i++) {
            if (o == HYPHENS[0] || o == HYPHENS[1] || o == HYPHENS[2] || o == HYPHENS[3]) {
                out[o++] = '-';
                if (hyphenated) {
                    if (text.charAt(i) != '-') {
                        throw notUuid(text);
                    }
                    continue;
                }
            }
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) > 'f') {
                throw notUuid(text);
            }
            out[o] = Chars.hexDigit(digit);
            same &= out[o] == text.charAt(i);
            o++;
        }
        return same ? text : new String(out);
    }

    @Override
    protected Object fromBlob(ByteBuffer blob) {
        if (blob.remaining() != 16) {
            throw target.fail(blob, "is not 16 bytes long, so it is not a uuid; fix the value in the source, or set the"
                    + " column's targetType to bytea" + Target.IN_PLAN);
        }
        StringBuilder hex = new StringBuilder(36);
        Chars.appendHex(hex, blob, 16);
        for (int at : HYPHENS) {
            hex.insert(at, '-');
        }
        return hex.toString();
    }

    private ConversionException notUuid(String text) {
        return target.fail(text, "is not a uuid (expected 32 hex digits, as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx);"
                + " fix the value in the source, or set the column's targetType to text" + Target.IN_PLAN);
    }
}
