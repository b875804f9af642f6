package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@code CREATE TABLE} statement into a {@link TableDefinition}. */
final class CreateTableParser {
    private static final List<String> TABLE_CONSTRAINTS = List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

    private String primaryKeyName;
    private final List<TableDefinition.Check> checks = new ArrayList<>();
    private final Map<String, String> generated = new LinkedHashMap<>();
    private final Map<String, String> collations = new LinkedHashMap<>();
    private final List<TableDefinition.NamedConstraint> uniques = new ArrayList<>();
    private final List<TableDefinition.NamedConstraint> foreignKeys = new ArrayList<>();

    private CreateTableParser() {
    }

    /** @throws SqlSyntaxException when the statement cannot be read */
    static TableDefinition parse(String sql) {
        return new CreateTableParser().read(sql);
    }

    private TableDefinition read(String sql) {
        TokenCursor cursor = new TokenCursor(sql);
        cursor.expect("CREATE");
        if (!cursor.accept("TEMP")) {
            cursor.accept("TEMPORARY");
        }
        cursor.expect("TABLE");
        if (cursor.accept("IF")) {
            cursor.expect("NOT");
            cursor.expect("EXISTS");
        }
        cursor.expectName();
        if (cursor.acceptOperator(".")) {
            cursor.expectName();
        }
        if (cursor.peek().isKeyword("AS")) {
            return TableDefinition.EMPTY;
        }
        for (String item : cursor.parenthesizedItems()) {
            TokenCursor itemCursor = new TokenCursor(item);
            if (TABLE_CONSTRAINTS.stream().anyMatch(k -> itemCursor.peek().isKeyword(k))) {
                tableConstraint(itemCursor);
            } else {
                column(itemCursor);
            }
        }
        return new TableDefinition(primaryKeyName, checks, generated, collations, uniques, foreignKeys);
    }

    private void column(TokenCursor cursor) {
        String column = cursor.expectName().value();
        String name = null;
        while (!cursor.atEnd()) {
            if (cursor.accept("CONSTRAINT")) {
                name = cursor.expectName().value();
                continue;
            }
            if (cursor.accept("CHECK")) {
                checks.add(new TableDefinition.Check(name, column, cursor.parenthesizedText()));
            } else if (cursor.accept("GENERATED")) {
                cursor.expect("ALWAYS");
                cursor.expect("AS");
                generated.put(column, cursor.parenthesizedText());
            } else if (cursor.peek().isKeyword("AS") && cursor.peek(1).isOperator("(")) {
                cursor.next();
                generated.put(column, cursor.parenthesizedText());
            } else if (cursor.accept("COLLATE")) {
                collations.put(column, cursor.expectName().value());
            } else if (cursor.accept("REFERENCES")) {
                addNamed(foreignKeys, name, List.of(column));
            } else if (cursor.accept("UNIQUE")) {
                addNamed(uniques, name, List.of(column));
            } else if (cursor.accept("PRIMARY")) {
                primaryKeyName = name != null ? name : primaryKeyName;
            } else if (cursor.accept("DEFAULT")) {
                skipDefault(cursor);
            } else if (cursor.peek().isOperator("(")) {
                cursor.parenthesizedText();
            } else {
                cursor.next();
                continue;
            }
            name = null;
        }
    }

    private static void skipDefault(TokenCursor cursor) {
        if (cursor.peek().isOperator("(")) {
            cursor.parenthesizedText();
            return;
        }
        if (cursor.peek().isOperator("-") || cursor.peek().isOperator("+")) {
            cursor.next();
        }
        cursor.next();
    }

    private void tableConstraint(TokenCursor cursor) {
        String name = null;
        if (cursor.accept("CONSTRAINT")) {
            name = cursor.expectName().value();
        }
        if (cursor.accept("PRIMARY")) {
            primaryKeyName = name;
        } else if (cursor.accept("UNIQUE")) {
            addNamed(uniques, name, columnNames(cursor.parenthesizedItems()));
        } else if (cursor.accept("CHECK")) {
            checks.add(new TableDefinition.Check(name, null, cursor.parenthesizedText()));
        } else if (cursor.accept("FOREIGN")) {
            cursor.expect("KEY");
            addNamed(foreignKeys, name, columnNames(cursor.parenthesizedItems()));
        }
    }

    private static void addNamed(List<TableDefinition.NamedConstraint> list, String name, List<String> columns) {
        if (name != null) {
            list.add(new TableDefinition.NamedConstraint(name, columns));
        }
    }

    /** The column of each {@code name [COLLATE x] [ASC|DESC]} item. */
    private static List<String> columnNames(List<String> items) {
        List<String> names = new ArrayList<>();
        for (String item : items) {
            names.add(new TokenCursor(item).expectName().value());
        }
        return names;
    }
}
