package dev.cutover.capture.document.plan;

import dev.cutover.capture.prisma.PrismaParser;
import dev.cutover.capture.prisma.PrismaSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * NextCRM-shaped documents for every model of its Prisma schema, made from the schema itself and the same for the same
 * seed: ObjectId ids; scalar references to documents that exist; the two lists of a many-to-many relation naming the
 * same pairs from both sides; one-sided lists; enum values; Json fields as embedded documents and arrays of them
 * ({@code invoice_items}); optional fields sometimes missing and sometimes null; empty and filled lists. The tests
 * plan and migrate it, and {@code cutover bench --workload documents} measures the pipeline with it. The documents are
 * made one at a time, so their number is bounded by the caller's sink, not by memory (the ids and the relations'
 * pairs are held: a few dozen bytes per document).
 */
public final class NextCrmDocuments {
    /** NextCRM's schema (MIT, see nextcrm-LICENSE beside it) on the class path. */
    private static final String RESOURCE = "/prisma/nextcrm-mongodb.schema.prisma";
    private static final long EPOCH = 1_700_000_000_000L;

    private final PrismaSchema schema = PrismaParser.parse("nextcrm-mongodb.schema.prisma", schemaText());
    private final PrismaMapping mapping = PrismaMapping.of(schema, new ArrayList<>());
    private final Random random;
    private final int perModel;
    private final Map<String, List<ObjectId>> ids = new HashMap<>();
    /** The elements of each relation's list, by "collection.field", then by the owner's index: the elements' indexes. */
    private final Map<String, Map<Integer, List<Integer>>> pairs = new HashMap<>();

    private NextCrmDocuments(long seed, int perModel) {
        this.random = new Random(seed);
        this.perModel = perModel;
    }

    /**
     * Makes {@code perModel} documents of every model, collection by collection, each handed to {@code sink} with the
     * name of its collection (as the model maps it); the same seed gives the same documents in the same order.
     */
    public static void generate(long seed, int perModel, BiConsumer<String, BsonDocument> sink) {
        new NextCrmDocuments(seed, perModel).generate(sink);
    }

    /** NextCRM's Prisma schema (MongoDB), as its text. */
    public static String schemaText() {
        try (InputStream in = NextCrmDocuments.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes NextCRM's Prisma schema into {@code dir} and returns the file. */
    public static Path writeSchema(Path dir) {
        try {
            return Files.writeString(dir.resolve("schema.prisma"), schemaText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void generate(BiConsumer<String, BsonDocument> sink) {
        for (String collection : mapping.models().keySet()) {
            List<ObjectId> made = new ArrayList<>();
            for (int i = 0; i < perModel; i++) {
                made.add(new ObjectId((int) (EPOCH / 1000) + i, random.nextInt(1 << 24)));
            }
            ids.put(collection, made);
        }
        mapping.models().values().forEach(this::pairs);
        for (PrismaMapping.Model model : mapping.models().values()) {
            for (int i = 0; i < perModel; i++) {
                sink.accept(model.collection(), document(model, i));
            }
        }
    }

    /** Chooses each list relation's pairs once, so both sides of a shared relation list them alike. */
    private void pairs(PrismaMapping.Model model) {
        for (PrismaMapping.Relation relation : model.relations()) {
            if (!relation.array() || pairs.containsKey(relation.collection() + "." + relation.field())) {
                continue;
            }
            Set<List<Integer>> chosen = new LinkedHashSet<>();
            for (int owner = 0; owner < perModel; owner++) {
                int count = owner % 4 == 0 ? 0 : 1 + random.nextInt(3);
                for (int n = 0; n < count; n++) {
                    chosen.add(List.of(owner, random.nextInt(perModel)));
                }
            }
            pairs.put(relation.collection() + "." + relation.field(), byOwner(chosen, 0));
            if (relation.partner() != null) {
                pairs.put(relation.to() + "." + relation.partner(), byOwner(chosen, 1));
            }
        }
    }

    /** Each owner's elements in the order the pairs were chosen; the owner is the pair's member {@code owner}. */
    private static Map<Integer, List<Integer>> byOwner(Set<List<Integer>> chosen, int owner) {
        Map<Integer, List<Integer>> elements = new LinkedHashMap<>();
        for (List<Integer> pair : chosen) {
            elements.computeIfAbsent(pair.get(owner), o -> new ArrayList<>()).add(pair.get(1 - owner));
        }
        return elements;
    }

    private BsonDocument document(PrismaMapping.Model model, int index) {
        BsonDocument document = new BsonDocument();
        for (PrismaMapping.Field field : model.fields()) {
            BsonValue value = field == model.key() ? new BsonObjectId(ids.get(model.collection()).get(index))
                    : value(model, field, index);
            if (value != null) {
                document.put(field.document(), value);
            }
        }
        return document;
    }

    /** The field's value, or null to leave it out. */
    private BsonValue value(PrismaMapping.Model model, PrismaMapping.Field field, int index) {
        if (!field.required() && !field.list() && index % 5 == 1) {
            return null;
        }
        if (!field.required() && !field.list() && index % 5 == 2) {
            return BsonNull.VALUE;
        }
        PrismaMapping.Relation relation = model.relation(field.document()).orElse(null);
        if (relation != null) {
            return relation.array() ? listed(relation, index) : new BsonObjectId(any(relation.to()));
        }
        if (field.list()) {
            BsonArray values = new BsonArray();
            for (int i = 0; i < index % 3; i++) {
                values.add(scalar(field, index * 10 + i));
            }
            return values;
        }
        return scalar(field, index);
    }

    private BsonArray listed(PrismaMapping.Relation relation, int owner) {
        BsonArray values = new BsonArray();
        List<ObjectId> targets = ids.get(relation.to());
        pairs.get(relation.collection() + "." + relation.field()).getOrDefault(owner, List.of())
                .forEach(element -> values.add(new BsonObjectId(targets.get(element))));
        return values;
    }

    private BsonValue scalar(PrismaMapping.Field field, int n) {
        switch (field.kind()) {
            case ENUM:
                List<String> values = mapping.enumValues().get(field.declared().type());
                return new BsonString(values.get(n % values.size()));
            case JSON:
            case COMPOSITE:
                return json(n);
            default:
                break;
        }
        if (field.objectId()) {
            return new BsonObjectId(new ObjectId((int) (EPOCH / 1000) + n, 7));
        }
        return switch (field.declared().type()) {
            case "Int" -> new BsonInt32(n * 7 % 1000);
            case "Boolean" -> BsonBoolean.valueOf(n % 2 == 0);
            case "DateTime" -> new BsonDateTime(EPOCH + n * 3_600_000L);
            default -> new BsonString(field.name() + " " + n);
        };
    }

    /** Invoice items: an array of line documents; other Json fields: a small document. */
    private BsonValue json(int n) {
        if (n % 2 == 0) {
            BsonArray items = new BsonArray();
            items.add(new BsonDocument("name", new BsonString("item " + n)).append("quantity", new BsonInt32(n % 5))
                    .append("price", new org.bson.BsonDecimal128(new org.bson.types.Decimal128(n * 10L))));
            return items;
        }
        return new BsonDocument("label", new BsonString("tag " + n)).append("color", new BsonString("blue"));
    }

    private ObjectId any(String collection) {
        List<ObjectId> targets = ids.get(collection);
        return targets.get(random.nextInt(targets.size()));
    }
}
