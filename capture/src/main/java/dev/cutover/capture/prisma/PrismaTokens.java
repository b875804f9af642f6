package dev.cutover.capture.prisma;

import dev.cutover.schemas.CutoverException;
import java.util.ArrayList;
import java.util.List;

/** Splits a Prisma schema into tokens; comments are dropped, line ends kept (a field ends with its line). */
final class PrismaTokens {
    enum Kind { NAME, STRING, NUMBER, SYMBOL, NEWLINE, END }

    /** A token and the line it is on. */
    record Token(Kind kind, String text, int line) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the file";
                case NEWLINE -> "the end of the line";
                case STRING -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    /** How an unreadable spot is reported: the line and the problem. */
    interface Errors {
        CutoverException error(int line, String problem);
    }

    private PrismaTokens() {
    }

    static List<Token> of(String text, Errors errors) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                tokens.add(new Token(Kind.NEWLINE, "\n", line++));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                i = string(text, i, line, tokens, errors);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i), line));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i++;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line));
            } else if (text.startsWith("@@", i)) {
                tokens.add(new Token(Kind.SYMBOL, "@@", line));
                i += 2;
            } else if ("{}()[],:=?@".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                i++;
            } else {
                throw errors.error(line, "unexpected character '" + c + "'");
            }
        }
        tokens.add(new Token(Kind.END, "", line));
        return tokens;
    }

    private static int string(String text, int start, int line, List<Token> tokens, Errors errors) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != '"') {
            char c = text.charAt(i);
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                i++;
                c = switch (text.charAt(i)) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> text.charAt(i);
                };
            }
            value.append(c);
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '"') {
            throw errors.error(line, "a string is not closed");
        }
        tokens.add(new Token(Kind.STRING, value.toString(), line));
        return i + 1;
    }
}
