package dev.cutover.capture.sqlite.plan;

import java.util.Locale;

/**
 * One lexical token of SQLite SQL.
 *
 * @param kind  what it is
 * @param text  the token exactly as written
 * @param value identifiers: the name without quotes; strings: the value without quotes; others: the text
 * @param start offset of the first character in the source text
 * @param end   offset just past the last character
 */
record Token(Kind kind, String text, String value, int start, int end) {

    enum Kind { IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, BLOB, OPERATOR, VARIABLE, END }

    /** A bare identifier that reads as the given keyword (case-insensitive). */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    boolean isOperator(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }

    boolean isName() {
        return kind == Kind.IDENTIFIER || kind == Kind.QUOTED_IDENTIFIER;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
