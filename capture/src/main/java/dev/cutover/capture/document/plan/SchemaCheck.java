package dev.cutover.capture.document.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Checks a collection's documents against its Prisma model while they are profiled: per stored field, the documents
 * whose value the schema does not allow (a required field missing or null, a value or list element of another kind, a
 * value outside the field's enum, a single value where the schema has a list), counted per problem with the key of
 * the first such document. Those documents go to the error log when migrated; the plan names them so nobody is
 * surprised. Memory is bounded by the model's fields.
 */
final class SchemaCheck {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final PrismaMapping.Model model;
    private final Map<String, List<String>> enumValues;
    private final Map<String, Map<String, Problem>> problems = new LinkedHashMap<>();

    /**
     * @param enumValues the values of the schema's enums, by enum name
     */
    SchemaCheck(PrismaMapping.Model model, Map<String, List<String>> enumValues) {
        this.model = model;
        this.enumValues = enumValues;
    }

    /** A problem's count and the key of its first document. */
    private static final class Problem {
        private long count;
        private String example;
    }

    void add(BsonDocument document) {
        for (PrismaMapping.Field field : model.fields()) {
            String problem = problem(field, document.get(field.document()));
            if (problem != null) {
                Problem seen = problems.computeIfAbsent(field.document(), f -> new LinkedHashMap<>())
                        .computeIfAbsent(problem, p -> new Problem());
                if (seen.count++ == 0) {
                    seen.example = key(document);
                }
            }
        }
    }

    /**
     * One sentence per field whose documents contradict the schema, e.g. {@code crm_Leads.lastName (lastName String):
     * missing in 2 documents (e.g. {"_id": {"$oid": "..."}})}, in the model's field order.
     */
    List<String> contradictions() {
        return model.fields().stream().filter(f -> problems.containsKey(f.document())).map(this::describe).toList();
    }

    private String describe(PrismaMapping.Field field) {
        StringBuilder text = new StringBuilder(model.collection()).append('.').append(field.document()).append(" (")
                .append(field.name()).append(' ').append(field.typeText()).append("): ");
        String separator = "";
        for (Map.Entry<String, Problem> entry : problems.get(field.document()).entrySet()) {
            text.append(separator).append(entry.getKey()).append(" in ")
                    .append(Texts.count(entry.getValue().count, "document")).append(" (e.g. ")
                    .append(entry.getValue().example).append(')');
            separator = ", ";
        }
        return text.toString();
    }

    /** What is wrong with {@code value} (null when the field is missing), or null when the schema allows it. */
    private String problem(PrismaMapping.Field field, BsonValue value) {
        if (ValueKind.isNull(value)) {
            return field.required() ? (value == null ? "missing" : "null") : null;
        }
        if (!field.list()) {
            return value.isArray() && field.kind() != PrismaMapping.Kind.JSON ? "an array"
                    : single(field, value, "");
        }
        if (!value.isArray()) {
            return ValueKind.of(value).label() + " instead of a list";
        }
        for (BsonValue element : value.asArray()) {
            String problem = ValueKind.isNull(element) ? "a null element" : single(field, element, " element");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String single(PrismaMapping.Field field, BsonValue value, String what) {
        Set<ValueKind> expected = PrismaTypes.expected(field);
        ValueKind kind = ValueKind.of(value);
        if (!expected.isEmpty() && !expected.contains(kind)) {
            return kind.label() + what;
        }
        if (field.kind() == PrismaMapping.Kind.ENUM
                && !enumValues.get(field.declared().type()).contains(value.asString().getValue())) {
            return "a value outside enum " + field.declared().type() + what;
        }
        return null;
    }

    private String key(BsonDocument document) {
        String keyField = model.key() == null ? CollectionProfile.ID : model.key().document();
        BsonValue key = document.get(keyField);
        return key == null ? "a document without " + keyField : new BsonDocument(keyField, key).toJson(RELAXED);
    }
}
