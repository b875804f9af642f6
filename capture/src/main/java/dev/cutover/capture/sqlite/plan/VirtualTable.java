package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code CREATE VIRTUAL TABLE ... USING module(args)} statement.
 *
 * @param module     the module name, lower case ({@code fts5}, {@code rtree}, ...)
 * @param options    {@code key=value} arguments, keys lower case ({@code content}, {@code tokenize}, ...)
 * @param unindexed  FTS5 columns declared UNINDEXED (stored, not searchable), as written
 */
record VirtualTable(String module, Map<String, String> options, List<String> unindexed) {

    VirtualTable {
        options = Map.copyOf(options);
        unindexed = List.copyOf(unindexed);
    }

    boolean isFullText() {
        return module.equals("fts3") || module.equals("fts4") || module.equals("fts5");
    }

    /** The {@code content=} option: "" for a contentless table, a table name for external content. */
    Optional<String> content() {
        return Optional.ofNullable(options.get("content"));
    }

    /** @throws SqlSyntaxException when the statement cannot be read */
    static VirtualTable parse(String sql) {
        TokenCursor cursor = new TokenCursor(sql);
        cursor.expect("CREATE");
        cursor.expect("VIRTUAL");
        cursor.expect("TABLE");
        if (cursor.accept("IF")) {
            cursor.expect("NOT");
            cursor.expect("EXISTS");
        }
        cursor.expectName();
        if (cursor.acceptOperator(".")) {
            cursor.expectName();
        }
        cursor.expect("USING");
        String module = cursor.expectName().value().toLowerCase(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        List<String> unindexed = new ArrayList<>();
        List<String> args = cursor.peek().isOperator("(") ? cursor.parenthesizedItems() : List.of();
        for (String arg : args) {
            List<Token> tokens = SqlTokenizer.tokenize(arg);
            if (tokens.size() >= 3 && tokens.get(1).isOperator("=")) {
                options.put(tokens.get(0).value().toLowerCase(Locale.ROOT), tokens.get(2).value());
            } else if (tokens.stream().anyMatch(t -> t.isKeyword("UNINDEXED"))) {
                unindexed.add(tokens.get(0).value());
            }
        }
        return new VirtualTable(module, options, unindexed);
    }
}
