package dev.cutover.transform.convert;

import java.util.List;

/** PLACEHOLDER replaced by the converters branch. */
public final class ValueText {
    private ValueText() {
    }

    public static String toJson(Object raw) {
        return raw == null ? "null" : raw instanceof Number ? raw.toString() : "\"" + raw.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static String rowJson(List<String> columns, List<Object> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(toJson(columns.get(i))).append(':').append(toJson(values.get(i)));
        }
        return sb.append('}').toString();
    }
}
