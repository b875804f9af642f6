package dev.cutover.capture.document.plan;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.schemas.plan.Declarations;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Everything the first read of a collection learns: its documents' fields ({@link ShapeProfile}), the keys of its
 * {@code _id}s (and of its {@code id}s while no document has an {@code _id}; of its declared key fields), the keys of
 * every field another collection's declared reference points to, and its declared enum fields' values outside their
 * sets; and, for a collection a Prisma model maps, the documents that contradict the model ({@link SchemaCheck}).
 * Memory: the profiles are bounded; each key set takes 16 bytes per document ({@link KeySet}).
 */
final class CollectionProfile {
    static final String ID = "_id";
    static final String ALTERNATE_ID = "id";

    private final String name;
    private final boolean filePerDocument;
    private final ValueKey.Maker keys;
    private final ShapeProfile top;
    private final KeySet ids = new KeySet();
    private KeySet alternateIds = new KeySet();
    private final List<String> keyFields;
    private final KeySet keyTuples;
    private final Map<String, KeySet> targets = new TreeMap<>();
    private final Map<String, EnumCheck> enums = new TreeMap<>();
    private final SchemaCheck schemaCheck;
    private List<String> unreadable = List.of();
    private long unreadableCount;

    private CollectionProfile(String name, boolean filePerDocument, Declarations declared, ValueKey.Maker keys,
            SchemaCheck schemaCheck) {
        this.name = name;
        this.filePerDocument = filePerDocument;
        this.keys = keys;
        this.schemaCheck = schemaCheck;
        this.top = new ShapeProfile(Depth.TOP, ShapeProfile.TOP_FIELDS, declared.flatten().stream()
                .filter(f -> f.collection().equals(name)).map(Declarations.Field::field).collect(Collectors.toSet()));
        this.keyFields = declared.keys().stream().filter(k -> k.collection().equals(name)).findFirst()
                .map(Declarations.Key::fields).orElse(null);
        this.keyTuples = keyFields == null ? null : new KeySet();
        for (Declarations.Reference reference : declared.references()) {
            String field = reference.toField() != null ? reference.toField()
                    : keyFields != null && keyFields.size() == 1 ? keyFields.get(0) : null;
            if (reference.to().equals(name) && field != null) {
                targets.putIfAbsent(field, new KeySet());
            }
        }
        declared.enums().stream().filter(e -> e.collection().equals(name))
                .forEach(e -> enums.putIfAbsent(e.field(), new EnumCheck(e.values())));
    }

    /** Reads every document of the collection once. */
    static CollectionProfile read(DocumentCollections source, String name, Declarations declared, ValueKey.Maker keys) {
        return read(source, name, declared, keys, null);
    }

    /**
     * Reads every document of the collection once, checking each against a Prisma model.
     *
     * @param schemaCheck the model's check, or null when no model maps the collection
     */
    static CollectionProfile read(DocumentCollections source, String name, Declarations declared, ValueKey.Maker keys,
            SchemaCheck schemaCheck) {
        CollectionProfile profile = new CollectionProfile(name, source.filePerDocument(name), declared, keys,
                schemaCheck);
        try (DocumentCollections.Cursor cursor = source.documents(name)) {
            while (cursor.hasNext()) {
                profile.add(cursor.next());
            }
            profile.unreadable = List.copyOf(cursor.unreadable());
            profile.unreadableCount = cursor.unreadableCount();
        }
        profile.seal();
        return profile;
    }

    /** The profile of a collection the source does not have (a Prisma model's, planned from the schema alone). */
    static CollectionProfile absent(String name, Declarations declared, ValueKey.Maker keys) {
        CollectionProfile profile = new CollectionProfile(name, false, declared, keys, null);
        profile.seal();
        return profile;
    }

    private void add(BsonDocument document) {
        top.add(document);
        if (schemaCheck != null) {
            schemaCheck.add(document);
        }
        BsonValue id = document.get(ID);
        if (!ValueKind.isNull(id)) {
            ids.add(keys.of(id));
            alternateIds = null;
        } else if (alternateIds != null && !ValueKind.isNull(document.get(ALTERNATE_ID))) {
            alternateIds.add(keys.of(document.get(ALTERNATE_ID)));
        }
        if (keyTuples != null) {
            BsonArray tuple = new BsonArray();
            keyFields.forEach(field -> tuple.add(document.get(field, BsonNull.VALUE)));
            keyTuples.add(keys.of(tuple));
        }
        targets.forEach((field, set) -> {
            BsonValue value = document.get(field);
            if (!ValueKind.isNull(value)) {
                set.add(keys.of(value));
            }
        });
        enums.forEach((field, check) -> check.add(document.get(field)));
    }

    private void seal() {
        ids.seal();
        if (alternateIds != null) {
            alternateIds.seal();
        }
        if (keyTuples != null) {
            keyTuples.seal();
        }
        targets.values().forEach(KeySet::seal);
    }

    String name() {
        return name;
    }

    boolean filePerDocument() {
        return filePerDocument;
    }

    long documents() {
        return top.documents();
    }

    ShapeProfile top() {
        return top;
    }

    /** A top-level field's profile, or null when no document had it. */
    FieldProfile field(String field) {
        return top.field(field, false);
    }

    /** The keys of the documents' {@code _id}s. */
    KeySet ids() {
        return ids;
    }

    /** The keys of the documents' {@code id}s, or null when some document has an {@code _id}. */
    KeySet alternateIds() {
        return alternateIds;
    }

    /** The keys of the declared key fields' values together, or null when no key is declared. */
    KeySet keyTuples() {
        return keyTuples;
    }

    /** The keys of {@code field}'s values, collected because a declared reference points to it; or null. */
    KeySet target(String field) {
        return targets.get(field);
    }

    /** The declared enum check of {@code field}, or null. */
    EnumCheck enumCheck(String field) {
        return enums.get(field);
    }

    /** The check against the collection's Prisma model, or null when none maps it. */
    SchemaCheck schemaCheck() {
        return schemaCheck;
    }

    /** Documents the source could not read, a few described. */
    List<String> unreadable() {
        return unreadable;
    }

    long unreadableCount() {
        return unreadableCount;
    }
}
