package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;

/** Walks a token list for the small recursive-descent parsers of this package. */
final class TokenCursor {
    private final String sql;
    private final List<Token> tokens;
    private int index;

    TokenCursor(String sql) {
        this(sql, SqlTokenizer.tokenize(sql));
    }

    private TokenCursor(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    /** Consumes the keyword when it is next. */
    boolean accept(String keyword) {
        if (peek().isKeyword(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    boolean acceptOperator(String operator) {
        if (peek().isOperator(operator)) {
            index++;
            return true;
        }
        return false;
    }

    void expect(String keyword) {
        if (!accept(keyword)) {
            throw new SqlSyntaxException("expected " + keyword + " but found '" + peek().text() + "'");
        }
    }

    void expectOperator(String operator) {
        if (!acceptOperator(operator)) {
            throw new SqlSyntaxException("expected '" + operator + "' but found '" + peek().text() + "'");
        }
    }

    Token expectName() {
        Token token = next();
        if (!token.isName() && token.kind() != Token.Kind.STRING) {
            throw new SqlSyntaxException("expected a name but found '" + token.text() + "'");
        }
        return token;
    }

    /**
     * With the cursor on an opening parenthesis: consumes up to the matching one and returns the source text of each
     * top-level comma-separated item inside.
     */
    List<String> parenthesizedItems() {
        expectOperator("(");
        List<String> items = new ArrayList<>();
        int depth = 0;
        int itemStart = peek().start();
        while (true) {
            Token token = next();
            if (token.kind() == Token.Kind.END) {
                throw new SqlSyntaxException("unbalanced parentheses");
            }
            if (token.isOperator("(")) {
                depth++;
            } else if (token.isOperator(")") && depth > 0) {
                depth--;
            } else if (depth == 0 && (token.isOperator(",") || token.isOperator(")"))) {
                String item = sql.substring(itemStart, token.start()).trim();
                if (!item.isEmpty() || token.isOperator(",")) {
                    items.add(item);
                }
                if (token.isOperator(")")) {
                    return items;
                }
                itemStart = peek().start();
            }
        }
    }

    /** With the cursor on an opening parenthesis: consumes up to the matching one and returns the text inside. */
    String parenthesizedText() {
        int open = peek().start();
        expectOperator("(");
        int depth = 1;
        while (true) {
            Token token = next();
            if (token.kind() == Token.Kind.END) {
                throw new SqlSyntaxException("unbalanced parentheses");
            }
            if (token.isOperator("(")) {
                depth++;
            } else if (token.isOperator(")") && --depth == 0) {
                return sql.substring(open + 1, token.start()).trim();
            }
        }
    }

    /** The source text from the next token to the end. */
    String rest() {
        return sql.substring(peek().start()).trim();
    }
}
