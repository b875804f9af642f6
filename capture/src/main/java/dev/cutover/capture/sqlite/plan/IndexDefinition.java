package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code CREATE INDEX} statement: its elements and partial-index predicate.
 *
 * @param elements the indexed expressions in order
 * @param where    the WHERE text of a partial index, or null
 */
public record IndexDefinition(List<Element> elements, String where) {

    public IndexDefinition {
        elements = List.copyOf(elements);
    }

    /**
     * One indexed column or expression.
     *
     * @param expression its text without COLLATE and ASC/DESC
     * @param collation  the COLLATE given in the index, or null
     * @param descending DESC
     */
    public record Element(String expression, String collation, boolean descending) {
    }

    /** @throws SqlSyntaxException when the statement cannot be read */
    public static IndexDefinition parse(String sql) {
        TokenCursor cursor = new TokenCursor(sql);
        cursor.expect("CREATE");
        cursor.accept("UNIQUE");
        cursor.expect("INDEX");
        if (cursor.accept("IF")) {
            cursor.expect("NOT");
            cursor.expect("EXISTS");
        }
        cursor.expectName();
        if (cursor.acceptOperator(".")) {
            cursor.expectName();
        }
        cursor.expect("ON");
        cursor.expectName();
        List<Element> elements = new ArrayList<>();
        for (String item : cursor.parenthesizedItems()) {
            elements.add(element(item));
        }
        String where = cursor.accept("WHERE") ? cursor.rest().replaceFirst(";\\s*$", "") : null;
        return new IndexDefinition(elements, where);
    }

    private static Element element(String item) {
        List<Token> tokens = SqlTokenizer.tokenize(item);
        int end = tokens.size() - 1;
        boolean descending = false;
        if (end > 0 && (tokens.get(end - 1).isKeyword("DESC") || tokens.get(end - 1).isKeyword("ASC"))) {
            descending = tokens.get(end - 1).isKeyword("DESC");
            end--;
        }
        String collation = null;
        if (end > 1 && tokens.get(end - 2).isKeyword("COLLATE")) {
            collation = tokens.get(end - 1).value();
            end -= 2;
        }
        String expression = item.substring(0, end == tokens.size() - 1 ? item.length() : tokens.get(end).start()).trim();
        return new Element(expression, collation, descending);
    }
}
