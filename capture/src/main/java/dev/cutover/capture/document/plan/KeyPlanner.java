package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.Declarations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides each collection's key, in this order: the {@code @id} of the Prisma model that maps it; the fields declared
 * as its key; {@code _id} when every document has
 * one; {@code id} when no document has an {@code _id} and every one has a distinct {@code id}; in a folder of one
 * document per file, the file name ({@code $file}); a collection without documents, {@code _id} as an ObjectId
 * (MongoDB's default); otherwise a hash of the document ({@code $hash}). An ObjectId id is a {@code uuid} by the id
 * rule; other ids keep their type; a compound {@code _id} whose fields are the same scalars in the same order in every
 * document is a composite key of {@code _id.<field>} columns; any other mix of ids is {@code jsonb}, which keeps every
 * id distinct.
 */
final class KeyPlanner {
    static final String FILE = "$file";
    static final String HASH = "$hash";

    private final CollectionProfile profile;
    private final List<String> warnings;

    private KeyPlanner(CollectionProfile profile, List<String> warnings) {
        this.profile = profile;
        this.warnings = warnings;
    }

    static CollectionKey decide(CollectionProfile profile, Declarations declared, List<String> warnings) {
        return decide(profile, declared, null, warnings);
    }

    /** @param model the Prisma model that maps the collection, or null */
    static CollectionKey decide(CollectionProfile profile, Declarations declared, PrismaMapping.Model model,
            List<String> warnings) {
        KeyPlanner planner = new KeyPlanner(profile, warnings);
        Optional<Declarations.Key> key = declared.keys().stream()
                .filter(k -> k.collection().equals(profile.name())).findFirst();
        return Optional.ofNullable(model).flatMap(planner::schema).or(() -> key.flatMap(planner::declared))
                .or(planner::id).or(planner::alternateId).orElseGet(planner::fallback);
    }

    /** The model's {@code @id}, typed by the schema; none when the model has no {@code @id} or one of no scalar type. */
    private Optional<CollectionKey> schema(PrismaMapping.Model model) {
        PrismaMapping.Field id = model.key();
        String type = id == null || id.list() ? "jsonb" : PrismaTypes.type(id, "jsonb");
        if (type.equals("jsonb")) {
            return Optional.empty();
        }
        FieldProfile values = profile.field(id.document());
        String seen = values == null ? "in no document" : ProfileText.describe(values, profile.documents());
        String note = "Prisma " + id.name() + " " + id.typeText() + "; " + seen
                + (id.objectId() ? ". ObjectIds as uuid by the id rule." : ".");
        if (CollectionProfile.ID.equals(id.document())) {
            repeats(profile.ids(), "_id");
        }
        CollectionKey.Column column = new CollectionKey.Column(id.document(), id.document(), type, note, false);
        return Optional.of(new CollectionKey(List.of(column), List.of(id.document()), "keyed by its Prisma @id "
                + id.name() + (id.name().equals(id.document()) ? "" : " (" + id.document() + " in the documents)")));
    }

    private Optional<CollectionKey> declared(Declarations.Key key) {
        List<CollectionKey.Column> columns = new ArrayList<>();
        for (String field : key.fields()) {
            FieldProfile values = profile.field(field);
            if (values == null) {
                warnings.add("collection " + profile.name() + ": declared key field " + field + " is in no document; "
                        + "the declared key is not used (fix declarations.keys)");
                return Optional.empty();
            }
            if (values.nonNull() < profile.documents()) {
                warnings.add("collection " + profile.name() + ": declared key field " + field
                        + " is missing or null in " + Texts.count(profile.documents() - values.nonNull(), "document")
                        + ", which cannot be keyed by it");
            }
            DocumentColumnTyper.Typed typed = idType(values);
            columns.add(new CollectionKey.Column(field, field, typed.type(), note(values, typed), false));
        }
        repeats(profile.keyTuples(), "declared key (" + String.join(", ", key.fields()) + ")");
        return Optional.of(new CollectionKey(columns, key.fields(), "keyed by the declared key ("
                + String.join(", ", key.fields()) + ")"));
    }

    private Optional<CollectionKey> id() {
        FieldProfile id = profile.field(CollectionProfile.ID);
        if (id == null || id.nonNull() == 0) {
            return Optional.empty();
        }
        if (id.nonNull() < profile.documents()) {
            warnings.add("collection " + profile.name() + ": _id is missing or null in "
                    + (profile.documents() - id.nonNull()) + " of " + Texts.count(profile.documents(), "document")
                    + ", so _id cannot be the key; it is an ordinary column");
            return Optional.empty();
        }
        repeats(profile.ids(), "_id");
        Optional<CollectionKey> compound = compound(id);
        if (compound.isPresent()) {
            return compound;
        }
        DocumentColumnTyper.Typed typed = idType(id);
        CollectionKey.Column column = new CollectionKey.Column(CollectionProfile.ID, CollectionProfile.ID, typed.type(),
                note(id, typed), false);
        return Optional.of(new CollectionKey(List.of(column), List.of(CollectionProfile.ID), "keyed by _id"));
    }

    private Optional<CollectionKey> alternateId() {
        FieldProfile id = profile.field(CollectionProfile.ALTERNATE_ID);
        KeySet ids = profile.alternateIds();
        if (id == null || ids == null || id.nonNull() < profile.documents() || profile.documents() == 0) {
            return Optional.empty();
        }
        if (ids.repeats() > 0) {
            warnings.add("collection " + profile.name() + ": " + Texts.count(ids.repeats(), "repeated id")
                    + ", so id cannot be the key");
            return Optional.empty();
        }
        DocumentColumnTyper.Typed typed = idType(id);
        return Optional.of(new CollectionKey(List.of(new CollectionKey.Column(CollectionProfile.ALTERNATE_ID,
                CollectionProfile.ALTERNATE_ID, typed.type(), note(id, typed), false)),
                List.of(CollectionProfile.ALTERNATE_ID), "keyed by id (no document has an _id; every one has a "
                + "distinct id)"));
    }

    private CollectionKey fallback() {
        if (profile.filePerDocument()) {
            return added(FILE, "_file", "the document's file name without its extension.",
                    "one document per file, without _id or id: keyed by the file name");
        }
        if (profile.documents() == 0) {
            warnings.add("collection " + profile.name() + " is empty, so its key is assumed to be an ObjectId _id; "
                    + "plan again once it holds documents");
            CollectionKey.Column column = new CollectionKey.Column(CollectionProfile.ID, CollectionProfile.ID, "uuid",
                    "no documents; ObjectIds (MongoDB's default) as uuid by the id rule.", false);
            return new CollectionKey(List.of(column),
                    List.of(CollectionProfile.ID), "empty when planned: keyed by _id as an ObjectId; plan again once "
                    + "it holds documents if its ids are of another type");
        }
        return added(HASH, "_hash", "hex SHA-256 of the document's canonical Extended JSON.",
                "no _id, id or declared key: keyed by a hash of the whole document, so a changed document is a "
                        + "delete plus an insert and identical documents are one row; declare the fields that identify "
                        + "a document under declarations.keys to key it by them");
    }

    private static CollectionKey added(String source, String name, String columnNote, String note) {
        CollectionKey.Column column = new CollectionKey.Column(source, name, "text", columnNote, true);
        return new CollectionKey(List.of(column), List.of(), note);
    }

    /** A compound {@code _id}: the same scalar fields in the same order in every document. */
    private Optional<CollectionKey> compound(FieldProfile id) {
        if (!id.kinds().only(ValueKind.DOCUMENT) || id.objects().sameOrder() == null || id.fields() == null
                || id.objects().sameOrder().isEmpty()) {
            return Optional.empty();
        }
        List<CollectionKey.Column> columns = new ArrayList<>();
        for (String name : id.objects().sameOrder()) {
            FieldProfile part = id.fields().field(name, false);
            if (part == null || part.nonNull() < id.nonNull() || part.kinds().kinds().size() != 1
                    || DocumentColumnTyper.scalar(part.kinds().kinds().iterator().next()) == null) {
                return Optional.empty();
            }
            DocumentColumnTyper.Typed typed = idType(part);
            String source = CollectionProfile.ID + "." + name;
            columns.add(new CollectionKey.Column(source, source, typed.type(), note(part, typed), false));
        }
        return Optional.of(new CollectionKey(columns, List.of(CollectionProfile.ID), "keyed by its compound _id, one "
                + "column per field (the same fields in the same order in every document)"));
    }

    /** The type of an id: its kind's own, bigint for int and long, jsonb for anything else. */
    static DocumentColumnTyper.Typed idType(FieldProfile id) {
        Set<ValueKind> kinds = id.kinds().kinds();
        if (kinds.size() == 1 && DocumentColumnTyper.scalar(kinds.iterator().next()) != null) {
            return DocumentColumnTyper.type(id);
        }
        if (kinds.equals(EnumSet.of(ValueKind.INT32, ValueKind.INT64))) {
            return DocumentColumnTyper.numeric(kinds, id.largestInteger());
        }
        return new DocumentColumnTyper.Typed("jsonb", "ids that are " + (kinds.size() == 1 ? "" : "a mix of ")
                + kinds.stream().map(ValueKind::label).reduce((a, b) -> a + ", " + b).orElse("")
                + ": jsonb holds each as its relaxed Extended JSON, so no two differing ids collide (as 1 and '1' "
                + "would in text)");
    }

    private void repeats(KeySet keys, String what) {
        if (keys != null && keys.repeats() > 0) {
            warnings.add("collection " + profile.name() + ": " + Texts.count(keys.repeats(), "repeated " + what)
                    + " (a document with the same one as a document before it); each becomes one row, the document "
                    + "read last, and validate reports the others as missing");
        }
    }

    private String note(FieldProfile values, DocumentColumnTyper.Typed typed) {
        String seen = ProfileText.describe(values, profile.documents());
        return seen + (typed.reason() == null ? "." : ". " + typed.reason() + ".");
    }
}
