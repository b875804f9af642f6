package dev.cutover.transform.convert;

/**
 * {@code bit(n)} and {@code bit varying(n)}: TEXT of binary digits ({@code 0101}) or {@code x}-prefixed hex digits
 * ({@code xA5}, four bits each), surrounding whitespace ignored; output as given. A cast to {@code bit(n)} pads or
 * cuts silently, so bit(n) needs exactly n bits and bit varying(n) at most n. Numbers fail: which bit string a
 * number stands for is not defined.
 */
final class BitConverter extends StorageClassConverter {
    private final int length;
    private final boolean varying;

    BitConverter(Target target, int length, boolean varying) {
        super(target);
        this.length = length;
        this.varying = varying;
    }

    @Override
    protected Object fromText(String text) {
        int b = Chars.start(text);
        int e = Chars.end(text, b);
        boolean hex = b < e && (text.charAt(b) == 'x' || text.charAt(b) == 'X');
        for (int i = hex ? b + 1 : b; i < e; i++) {
            char c = text.charAt(i);
            boolean ok = hex ? Character.digit(c, 16) >= 0 : c == '0' || c == '1';
            if (!ok) {
                throw target.fail(text, "is not a bit string (expected binary digits, or x and hex digits); fix the"
                        + " value in the source, or set the column's targetType to text" + Target.IN_PLAN);
            }
        }
        int bits = hex ? (e - b - 1) * 4 : e - b;
        if (length >= 0 && (varying ? bits > length : bits != length)) {
            throw target.fail(text, "has " + bits + " bits, but " + target.type() + " holds " + (varying ? "at most "
                    : "exactly ") + length + ", and a cast would " + (bits > length ? "cut" : "pad") + " it; set the"
                    + " column's targetType to bit varying or text" + Target.IN_PLAN);
        }
        return b == 0 && e == text.length() ? text : text.substring(b, e);
    }
}
