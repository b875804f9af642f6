package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Recursive-descent parser for SQLite expressions, following SQLite's operator precedence, that emits PostgreSQL text
 * as it goes. Binary operations are parenthesized when nested, so PostgreSQL's different precedences (e.g. for
 * {@code ||}) never change the meaning.
 */
final class ExpressionParser {
    private static final Set<String> EQUALITY = Set.of("=", "==", "!=", "<>");
    private static final Set<String> RELATIONAL = Set.of("<", "<=", ">", ">=");
    private static final Set<String> BITWISE = Set.of("&", "|", "<<", ">>");

    private final TokenCursor cursor;
    private final ExpressionScope scope;

    private ExpressionParser(String sql, ExpressionScope scope) {
        this.cursor = new TokenCursor(sql);
        this.scope = scope;
    }

    /**
     * @throws Untranslatable  when the expression has no faithful PostgreSQL form
     * @throws SqlSyntaxException when it cannot be read
     */
    static Expr parse(String sql, ExpressionScope scope) {
        ExpressionParser parser = new ExpressionParser(sql, scope);
        Expr expr = parser.or();
        if (!parser.cursor.atEnd()) {
            throw new SqlSyntaxException("unexpected '" + parser.cursor.peek().text() + "'");
        }
        return expr;
    }

    private Expr or() {
        return chain("OR", this::and);
    }

    private Expr and() {
        return chain("AND", this::not);
    }

    /** {@code a OP b OP c}: associative, so written without nesting. */
    private Expr chain(String keyword, Supplier<Expr> operand) {
        Expr first = operand.get();
        if (!cursor.peek().isKeyword(keyword)) {
            return first;
        }
        List<String> parts = new ArrayList<>(List.of(Operators.truth(first).operand()));
        while (cursor.accept(keyword)) {
            parts.add(Operators.truth(operand.get()).operand());
        }
        return Expr.of(String.join(" " + keyword + " ", parts), ValueType.BOOLEAN);
    }

    private Expr not() {
        if (cursor.accept("NOT")) {
            return Expr.of("NOT " + Operators.truth(not()).operand(), ValueType.BOOLEAN);
        }
        return equality();
    }

    private Expr equality() {
        Expr left = relational();
        while (true) {
            Token token = cursor.peek();
            if (token.kind() == Token.Kind.OPERATOR && EQUALITY.contains(token.text())) {
                cursor.next();
                left = Operators.compare(token.text(), left, relational());
            } else if (cursor.accept("IS")) {
                left = is(left);
            } else if (cursor.accept("ISNULL")) {
                left = Expr.of(Operators.plain(left).operand() + " IS NULL", ValueType.BOOLEAN);
            } else if (cursor.accept("NOTNULL")) {
                left = Expr.of(Operators.plain(left).operand() + " IS NOT NULL", ValueType.BOOLEAN);
            } else if (token.isKeyword("NOT") && cursor.peek(1).isKeyword("NULL")) {
                cursor.next();
                cursor.next();
                left = Expr.of(Operators.plain(left).operand() + " IS NOT NULL", ValueType.BOOLEAN);
            } else if (token.isKeyword("NOT") && isPredicate(cursor.peek(1))) {
                cursor.next();
                left = predicate(left, true);
            } else if (isPredicate(token)) {
                left = predicate(left, false);
            } else {
                return left;
            }
        }
    }

    private static boolean isPredicate(Token token) {
        return token.isKeyword("IN") || token.isKeyword("LIKE") || token.isKeyword("GLOB") || token.isKeyword("BETWEEN")
                || token.isKeyword("MATCH") || token.isKeyword("REGEXP");
    }

    private Expr is(Expr left) {
        boolean not = cursor.accept("NOT");
        if (cursor.accept("DISTINCT")) {
            cursor.expect("FROM");
            not = !not;
        }
        Expr right = relational();
        if (right.isNull()) {
            return Expr.of(Operators.plain(left).operand() + (not ? " IS NOT NULL" : " IS NULL"), ValueType.BOOLEAN);
        }
        List<Expr> pair = Operators.unify(List.of(left, right));
        return Expr.of(pair.get(0).operand() + (not ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ")
                + pair.get(1).operand(), ValueType.BOOLEAN);
    }

    private Expr predicate(Expr left, boolean not) {
        Token keyword = cursor.next();
        String negation = not ? " NOT" : "";
        switch (keyword.upper()) {
            case "IN": return in(left, negation);
            case "BETWEEN": return between(left, negation);
            case "LIKE": return like(left, negation);
            case "GLOB": return Globs.translate(Operators.text(left), relational(), not);
            default: throw new Untranslatable(keyword.upper() + " (needs an application-defined function)");
        }
    }

    private Expr in(Expr left, String negation) {
        if (!cursor.peek().isOperator("(") || cursor.peek(1).isKeyword("SELECT") || cursor.peek(1).isOperator(")")) {
            throw new Untranslatable("IN with a subquery, a table or an empty list");
        }
        cursor.next();
        List<Expr> values = new ArrayList<>(List.of(left));
        do {
            values.add(or());
        } while (cursor.acceptOperator(","));
        cursor.expectOperator(")");
        List<Expr> unified = Operators.unify(values);
        List<String> items = new ArrayList<>();
        for (Expr value : unified.subList(1, unified.size())) {
            items.add(value.sql());
        }
        return Expr.of(unified.get(0).operand() + negation + " IN (" + String.join(", ", items) + ")", ValueType.BOOLEAN);
    }

    private Expr between(Expr left, String negation) {
        Expr low = relational();
        cursor.expect("AND");
        Expr high = relational();
        List<Expr> unified = Operators.unify(List.of(left, low, high));
        return Expr.of(unified.get(0).operand() + negation + " BETWEEN " + unified.get(1).operand() + " AND "
                + unified.get(2).operand(), ValueType.BOOLEAN);
    }

    /**
     * SQLite's LIKE ignores ASCII case and has no escape character unless one is given; PostgreSQL's ILIKE ignores
     * case and escapes with a backslash by default, so {@code ESCAPE ''} is added where a backslash could occur.
     */
    private Expr like(Expr left, String negation) {
        Expr text = Operators.text(left);
        Expr pattern = Operators.text(relational());
        String escape = "";
        if (cursor.accept("ESCAPE")) {
            Expr escapeChar = relational();
            if (!escapeChar.isLiteral(Expr.Literal.Kind.STRING)) {
                throw new Untranslatable("LIKE with a computed ESCAPE character");
            }
            escape = " ESCAPE " + escapeChar.sql();
        } else if (!pattern.isLiteral(Expr.Literal.Kind.STRING) || pattern.literal().value().contains("\\")) {
            escape = " ESCAPE ''";
        }
        return Expr.of(text.operand() + negation + " ILIKE " + pattern.operand() + escape, ValueType.BOOLEAN);
    }

    private Expr relational() {
        Expr left = bitwise();
        while (cursor.peek().kind() == Token.Kind.OPERATOR && RELATIONAL.contains(cursor.peek().text())) {
            String op = cursor.next().text();
            left = Operators.compare(op, left, bitwise());
        }
        return left;
    }

    private Expr bitwise() {
        Expr left = additive();
        while (cursor.peek().kind() == Token.Kind.OPERATOR && BITWISE.contains(cursor.peek().text())) {
            String op = cursor.next().text();
            left = Operators.arithmetic(op, left, additive());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (cursor.peek().isOperator("+") || cursor.peek().isOperator("-")) {
            String op = cursor.next().text();
            left = Operators.arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = concatenation();
        while (cursor.peek().isOperator("*") || cursor.peek().isOperator("/") || cursor.peek().isOperator("%")) {
            String op = cursor.next().text();
            left = Operators.arithmetic(op, left, concatenation());
        }
        return left;
    }

    private Expr concatenation() {
        Expr left = unary();
        while (true) {
            if (cursor.acceptOperator("||")) {
                left = Operators.concat(left, unary());
            } else if (cursor.peek().isOperator("->") || cursor.peek().isOperator("->>")) {
                throw new Untranslatable("JSON operator " + cursor.peek().text());
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        if (cursor.acceptOperator("-")) {
            return Operators.negate(unary());
        }
        if (cursor.acceptOperator("+")) {
            return unary();
        }
        if (cursor.acceptOperator("~")) {
            Expr value = unary();
            if (value.type() != ValueType.INTEGER) {
                throw new Untranslatable("~ on a " + Operators.name(value.type()) + " value");
            }
            return Expr.of("~" + value.operand(), ValueType.INTEGER);
        }
        return collated(primary());
    }

    private Expr collated(Expr value) {
        while (cursor.accept("COLLATE")) {
            String collation = cursor.expectName().value();
            if (!collation.equalsIgnoreCase("BINARY")) {
                throw new Untranslatable("COLLATE " + collation + " inside an expression");
            }
        }
        return value;
    }

    private Expr primary() {
        Token token = cursor.next();
        switch (token.kind()) {
            case NUMBER:
                return Expr.number(token.text().startsWith("0x") || token.text().startsWith("0X")
                        ? Literals.canonicalInteger(token.text()) : token.text());
            case STRING:
                return Expr.string(token.value());
            case BLOB:
                return Expr.blob(token.value());
            case OPERATOR:
                return parenthesized(token);
            case IDENTIFIER:
            case QUOTED_IDENTIFIER:
                return name(token);
            default:
                throw new Untranslatable("'" + token.text() + "'");
        }
    }

    private Expr parenthesized(Token token) {
        if (!token.isOperator("(")) {
            throw new SqlSyntaxException("unexpected '" + token.text() + "'");
        }
        if (cursor.peek().isKeyword("SELECT")) {
            throw new Untranslatable("a subquery");
        }
        Expr inner = or();
        if (cursor.peek().isOperator(",")) {
            throw new Untranslatable("a row value");
        }
        cursor.expectOperator(")");
        return inner;
    }

    private Expr name(Token token) {
        boolean bare = token.kind() == Token.Kind.IDENTIFIER;
        if (bare && cursor.peek().isOperator("(")) {
            return bareCall(token);
        }
        if (cursor.peek().isOperator(".")) {
            throw new Untranslatable("a qualified name " + token.text() + ".");
        }
        if (bare && token.isKeyword("NULL")) {
            return Expr.nullLiteral();
        }
        if (bare && token.isKeyword("CASE")) {
            return caseExpression();
        }
        if (bare && (token.isKeyword("EXISTS") || token.isKeyword("SELECT") || token.isKeyword("RAISE"))) {
            throw new Untranslatable(token.upper());
        }
        return scope.resolve(token);
    }

    private Expr bareCall(Token token) {
        String function = token.value().toLowerCase(Locale.ROOT);
        if (function.equals("cast")) {
            return cast();
        }
        cursor.next();
        List<Expr> args = new ArrayList<>();
        if (cursor.peek().isKeyword("DISTINCT") || cursor.peek().isOperator("*")) {
            throw new Untranslatable("aggregate call " + function + "()");
        }
        if (!cursor.acceptOperator(")")) {
            do {
                args.add(or());
            } while (cursor.acceptOperator(","));
            cursor.expectOperator(")");
        }
        Expr result = SqlFunctions.call(function, args, scope.volatileAllowed());
        if (result.now() != null && result.now().localtime()) {
            scope.note("the source's local time ('localtime') becomes UTC: timestamps are kept as UTC wall time");
        }
        return result;
    }

    private Expr cast() {
        cursor.expectOperator("(");
        Expr value = or();
        cursor.expect("AS");
        StringBuilder typeName = new StringBuilder();
        int depth = 0;
        while (depth > 0 || !cursor.peek().isOperator(")")) {
            Token token = cursor.next();
            if (token.kind() == Token.Kind.END) {
                throw new SqlSyntaxException("unterminated CAST");
            }
            depth += token.isOperator("(") ? 1 : token.isOperator(")") ? -1 : 0;
            typeName.append(typeName.length() == 0 || token.isOperator("(") || token.isOperator(")")
                    || token.isOperator(",") ? "" : " ").append(token.text());
        }
        cursor.expectOperator(")");
        return Casts.cast(value, TypeMapper.map(typeName.toString()));
    }

    private Expr caseExpression() {
        Expr base = cursor.peek().isKeyword("WHEN") ? null : or();
        List<Expr> conditions = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        while (cursor.accept("WHEN")) {
            Expr when = or();
            conditions.add(base == null ? when : Operators.compare("=", base, when));
            cursor.expect("THEN");
            results.add(or());
        }
        Expr otherwise = cursor.accept("ELSE") ? or() : null;
        cursor.expect("END");
        if (conditions.isEmpty()) {
            throw new SqlSyntaxException("CASE without WHEN");
        }
        return Cases.searched(conditions, results, otherwise);
    }

    /** Column lookup and what the context allows. */
    interface ExpressionScope {
        Expr resolve(Token name);

        boolean volatileAllowed();

        void note(String note);
    }

}
