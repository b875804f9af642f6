package dev.cutover.capture.document.plan;

import dev.cutover.capture.prisma.PrismaSchema;
import dev.cutover.schemas.plan.Declarations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Prisma schema says about a document source's collections, read once before any document: each model's
 * collection ({@code @@map}, else the model's name), its id, its stored fields (a field's document name is its
 * {@code @map}), its relations and its indexes; and the enums. Relation fields (typed by a model) are not stored: the
 * scalar fields their {@code @relation(fields: [...])} names are, and become references. An array of references is
 * paired with the array of the other model that lists this one back in the same relation (the same
 * {@code @relation(name)}, or both unnamed), so both feed one junction.
 *
 * <p>Problems of the schema that leave part of it unused (a relation over several fields, a relation to a model that is
 * not there) are warnings; the rest of the schema still maps.
 */
final class PrismaMapping {
    /** Prisma's referential actions in SQL. */
    private static final Map<String, String> ACTIONS = Map.of("Cascade", "CASCADE", "Restrict", "RESTRICT",
            "NoAction", "NO ACTION", "SetNull", "SET NULL", "SetDefault", "SET DEFAULT");

    private final PrismaSchema schema;
    private final List<String> warnings;
    private final Map<String, Model> models = new LinkedHashMap<>();

    private PrismaMapping(PrismaSchema schema, List<String> warnings) {
        this.schema = schema;
        this.warnings = warnings;
    }

    static PrismaMapping of(PrismaSchema schema, List<String> warnings) {
        PrismaMapping mapping = new PrismaMapping(schema, warnings);
        for (PrismaSchema.Model model : schema.models()) {
            if (mapping.models.containsKey(model.collection())) {
                warnings.add("Prisma model " + model.name() + " maps to collection " + model.collection()
                        + ", as an earlier model does; only the first is used");
            } else {
                mapping.models.put(model.collection(), mapping.model(model));
            }
        }
        return mapping;
    }

    /** The models by collection, in the schema's order. */
    Map<String, Model> models() {
        return models;
    }

    Optional<Model> model(String collection) {
        return Optional.ofNullable(models.get(collection));
    }

    List<PrismaSchema.Enum> enums() {
        return schema.enums();
    }

    /** The values of each enum, by the enum's name in the schema. */
    Map<String, List<String>> enumValues() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        schema.enums().forEach(e -> values.put(e.name(), e.values()));
        return values;
    }

    /** True when a model maps {@code collection} and stores {@code field} (its key included). */
    boolean covers(String collection, String field) {
        return model(collection).flatMap(m -> m.field(field)).isPresent();
    }

    /**
     * The operator's declarations that apply beside the schema: a declared key of a collection with an {@code @id}, a
     * declared enum of a field the schema types, and a declared reference of a field a relation already makes are left
     * out, each with a warning (the schema decides those); everything else applies.
     */
    Declarations applied(Declarations declared, List<String> warnings) {
        List<Declarations.Key> keys = declared.keys().stream().filter(k -> {
            boolean keyed = model(k.collection()).map(m -> m.key() != null).orElse(false);
            return !keyed || overridden(warnings, "declared key of " + k.collection(), "its @id");
        }).toList();
        List<Declarations.EnumValues> enums = declared.enums().stream()
                .filter(e -> !covers(e.collection(), e.field()) || overridden(warnings,
                        "declared enum of " + e.collection() + "." + e.field(), "the field's type")).toList();
        List<Declarations.Reference> references = declared.references().stream()
                .filter(r -> relation(r.collection(), r.field()).isEmpty() || overridden(warnings,
                        "declared reference of " + r.collection() + "." + r.field(), "its relation")).toList();
        return new Declarations(references, declared.children(), keys, enums, declared.search(), declared.ignore(),
                declared.flatten());
    }

    /** {@code applied} with every relation as a declared reference, so that the data is checked against each. */
    Declarations probing(Declarations applied) {
        List<Declarations.Reference> references = new ArrayList<>(applied.references());
        models.values().forEach(m -> m.relations().forEach(r -> references.add(new Declarations.Reference(
                r.collection(), r.field(), r.to(), r.toField()))));
        return new Declarations(references, applied.children(), applied.keys(), applied.enums(), applied.search(),
                applied.ignore(), applied.flatten());
    }

    private Optional<Relation> relation(String collection, String field) {
        return model(collection).flatMap(m -> m.relation(field));
    }

    /** Warns that the schema decides {@code what}; false, so a filter drops the declaration. */
    private static boolean overridden(List<String> warnings, String what, String decider) {
        warnings.add(what + " is not used: the Prisma schema decides it (" + decider + ")");
        return false;
    }

    /** What a model's field stores: a scalar, an enum's value, an embedded document (composite type), any JSON. */
    enum Kind { SCALAR, ENUM, COMPOSITE, JSON }

    /**
     * A model: its collection and what its documents hold.
     *
     * @param name      the model's name in the schema
     * @param key       its {@code @id} field, or null when it has none
     * @param fields    its stored fields in the schema's order, the key included
     * @param relations its references to other models (and to itself)
     * @param indexes   its {@code @unique}, {@code @@unique} and {@code @@index} indexes
     */
    record Model(String name, String collection, Field key, List<Field> fields, List<Relation> relations,
                 List<Index> indexes) {

        Optional<Field> field(String document) {
            return fields.stream().filter(f -> f.document().equals(document)).findFirst();
        }

        Optional<Relation> relation(String document) {
            return relations.stream().filter(r -> r.field().equals(document)).findFirst();
        }
    }

    /**
     * A stored field.
     *
     * @param declared the field as the schema declares it
     * @param document its name in the documents ({@code @map}, else its name)
     * @param kind     what it stores
     */
    record Field(PrismaSchema.Field declared, String document, Kind kind) {
        String name() {
            return declared.name();
        }

        boolean list() {
            return declared.list();
        }

        /** A single value the schema requires ({@code Type}, not {@code Type?} and not a list). */
        boolean required() {
            return !declared.optional() && !declared.list();
        }

        boolean objectId() {
            return declared.objectId();
        }

        /** The field's type as declared, for plans: {@code String? @db.ObjectId}. */
        String typeText() {
            String type = declared.type() + (declared.list() ? "[]" : "") + (declared.optional() ? "?" : "");
            return declared.attributes().stream().filter(a -> a.name().startsWith("db."))
                    .map(a -> " @" + a.name()).reduce(type, String::concat);
        }
    }

    /**
     * A reference: the stored field {@code field} of {@code collection} holds ids of {@code to}'s documents.
     *
     * @param field   the referencing field's document name
     * @param array   true for a list of ids (a junction)
     * @param to      the referenced collection
     * @param toField the referenced field's document name, or null for the referenced model's {@code @id}
     * @param name    the relation's name, or null when unnamed
     * @param partner for an array: the field of {@code to}'s documents that lists these documents back in the same
     *                relation, or null when only this side lists
     * @param models   the two models' names, this one first
     * @param onDelete the referential action {@code onDelete:} declares, in SQL ({@code CASCADE}, {@code SET NULL},
     *                 ...), or null when it declares none
     */
    record Relation(String collection, String field, boolean array, String to, String toField, String name,
                    String partner, List<String> models, String onDelete) {

        /**
         * The table Prisma makes for an implicit many-to-many relation: {@code _<name>}, or for an unnamed one
         * {@code _<A>To<B>} of the two models' names in order.
         */
        String implicitTable() {
            List<String> sorted = models.stream().sorted().toList();
            return "_" + (name != null ? name : sorted.get(0) + "To" + sorted.get(1));
        }

        /** The column of Prisma's implicit table that holds this side's ids: {@code A} for the first model by name. */
        String implicitColumn() {
            return models.get(0).compareTo(models.get(1)) <= 0 ? "A" : "B";
        }
    }

    /**
     * An index the schema declares.
     *
     * @param fields    the fields' document names, in index order
     * @param name      its name ({@code map:}), or null for the default
     * @param attribute where the schema declares it: {@code @unique}, {@code @@unique} or {@code @@index}
     */
    record Index(boolean unique, List<String> fields, String name, String attribute) {
    }

    private Model model(PrismaSchema.Model model) {
        List<Field> fields = new ArrayList<>();
        Field key = null;
        for (PrismaSchema.Field field : model.fields()) {
            Kind kind = kind(field);
            if (kind != null) {
                Field stored = new Field(field, field.documentField(), kind);
                fields.add(stored);
                key = key == null && field.has("id") ? stored : key;
            }
        }
        return new Model(model.name(), model.collection(), key, fields, relations(model, fields),
                indexes(model, fields));
    }

    /** What a field stores, or null for a relation field (typed by a model), which stores nothing. */
    private Kind kind(PrismaSchema.Field field) {
        if (schema.model(field.type()).isPresent()) {
            return null;
        }
        if (schema.enumNamed(field.type()).isPresent()) {
            return Kind.ENUM;
        }
        if (schema.type(field.type()).isPresent()) {
            return Kind.COMPOSITE;
        }
        return PrismaTypes.SCALARS.containsKey(field.type()) ? Kind.SCALAR : Kind.JSON;
    }

    private List<Relation> relations(PrismaSchema.Model model, List<Field> fields) {
        List<Relation> relations = new ArrayList<>();
        for (PrismaSchema.Field field : model.fields()) {
            Optional<PrismaSchema.Model> to = schema.model(field.type());
            List<String> from = relationNames(field, "fields");
            if (to.isEmpty() || from.isEmpty()) {
                continue;
            }
            List<String> references = relationNames(field, "references");
            Optional<Field> holder = from.size() != 1 ? Optional.empty()
                    : fields.stream().filter(f -> f.name().equals(from.get(0))).findFirst();
            String problem = holder.isEmpty() || references.size() != 1 ? "only a relation over one stored field of "
                    + "this model (fields: [x], references: [y]) becomes a reference"
                    : to.get().field(references.get(0)).isEmpty() ? "model " + to.get().name() + " has no field "
                    + references.get(0) : null;
            if (problem != null) {
                warnings.add("Prisma relation " + model.name() + "." + field.name() + " is not mapped: " + problem);
            } else {
                relations.add(relation(model, field, holder.get(), to.get(), references.get(0)));
            }
        }
        return relations;
    }

    /** The field names a relation attribute's argument ({@code fields:} or {@code references:}) lists. */
    private static List<String> relationNames(PrismaSchema.Field field, String argument) {
        return field.attribute("relation").flatMap(r -> r.argument(argument)).map(a -> a.value().names())
                .orElse(List.of());
    }

    private Relation relation(PrismaSchema.Model model, PrismaSchema.Field field, Field holder,
            PrismaSchema.Model to, String referenced) {
        String name = relationName(field);
        Optional<PrismaSchema.Field> target = to.field(referenced);
        String toField = target.filter(t -> !t.has("id")).map(PrismaSchema.Field::documentField).orElse(null);
        String partner = holder.list() ? partner(model, field, to, name) : null;
        String onDelete = field.attribute("relation").flatMap(r -> r.argument("onDelete"))
                .map(a -> ACTIONS.get(a.value().text())).orElse(null);
        return new Relation(model.collection(), holder.document(), holder.list(), to.collection(), toField, name,
                partner, List.of(model.name(), to.name()), onDelete);
    }

    /**
     * The array field of {@code to} that lists {@code model}'s documents back in the same relation: the relation field
     * of {@code to} typed by {@code model}, of the same name, whose {@code fields:} is one list.
     */
    private String partner(PrismaSchema.Model model, PrismaSchema.Field field, PrismaSchema.Model to, String name) {
        for (PrismaSchema.Field other : to.fields()) {
            boolean sameRelation = other.type().equals(model.name()) && other != field
                    && Objects.equals(relationName(other), name);
            List<String> from = relationNames(other, "fields");
            if (sameRelation && from.size() == 1) {
                Optional<PrismaSchema.Field> holder = to.field(from.get(0));
                if (holder.isPresent() && holder.get().list()) {
                    return holder.get().documentField();
                }
            }
        }
        return null;
    }

    private static String relationName(PrismaSchema.Field field) {
        Optional<PrismaSchema.Attribute> relation = field.attribute("relation");
        return relation.flatMap(r -> r.argument("name")).map(a -> a.value().text())
                .or(() -> relation.flatMap(PrismaSchema.Attribute::firstString)).orElse(null);
    }

    private List<Index> indexes(PrismaSchema.Model model, List<Field> fields) {
        List<Index> indexes = new ArrayList<>();
        for (Field field : fields) {
            if (field.declared().has("unique")) {
                indexes.add(new Index(true, List.of(field.document()), mapName(field.declared().attribute("unique")
                        .orElseThrow()), "@unique"));
            }
        }
        for (PrismaSchema.Attribute attribute : model.attributes()) {
            boolean unique = attribute.name().equals("unique");
            if (unique || attribute.name().equals("index")) {
                index(model, attribute, unique, fields).ifPresent(indexes::add);
            }
        }
        return indexes;
    }

    private Optional<Index> index(PrismaSchema.Model model, PrismaSchema.Attribute attribute, boolean unique,
            List<Field> fields) {
        Optional<PrismaSchema.Value> list = attribute.argument("fields").map(PrismaSchema.Argument::value)
                .or(attribute::first);
        List<String> documents = new ArrayList<>();
        for (String name : list.map(PrismaSchema.Value::names).orElse(List.of())) {
            Optional<Field> field = fields.stream().filter(f -> f.name().equals(name)).findFirst();
            if (field.isEmpty()) {
                warnings.add("Prisma model " + model.name() + ": @@" + attribute.name() + " names " + name
                        + ", which is not a stored field of the model; the index is not planned");
                return Optional.empty();
            }
            documents.add(field.get().document());
        }
        return documents.isEmpty() ? Optional.empty()
                : Optional.of(new Index(unique, documents, mapName(attribute), "@@" + attribute.name()));
    }

    private static String mapName(PrismaSchema.Attribute attribute) {
        return attribute.argument("map").map(a -> a.value().text()).orElse(null);
    }
}
