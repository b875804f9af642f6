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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * ({@code invoice_items}); optional fields sometimes missing and sometimes null; empty and filled lists. Other
 * modules' tests use it through capture's test jar.
 */
public final class NextCrmDocuments {
    /** NextCRM's schema in this module's test resources. */
    static final Path SCHEMA = PlanCase.RESOURCES.resolve("prisma/nextcrm-mongodb.schema.prisma");
    /** The same schema on the class path. */
    private static final String RESOURCE = "/prisma/nextcrm-mongodb.schema.prisma";
    private static final long EPOCH = 1_700_000_000_000L;

    private final PrismaSchema schema = PrismaParser.parse("nextcrm-mongodb.schema.prisma", schemaText());
    private final PrismaMapping mapping = PrismaMapping.of(schema, new ArrayList<>());
    private final Random random;
    private final int perModel;
    private final Map<String, List<ObjectId>> ids = new HashMap<>();
    /** The pairs of each relation's list, by "collection.field": the owner's index, then the element's. */
    private final Map<String, Set<List<Integer>>> pairs = new HashMap<>();

    private NextCrmDocuments(long seed, int perModel) {
        this.random = new Random(seed);
        this.perModel = perModel;
    }

    /** {@code perModel} documents of every model, in collections named as the models map them. */
    public static MemoryCollections generate(long seed, int perModel) {
        return new NextCrmDocuments(seed, perModel).generate();
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

    private MemoryCollections generate() {
        for (String collection : mapping.models().keySet()) {
            List<ObjectId> made = new ArrayList<>();
            for (int i = 0; i < perModel; i++) {
                made.add(new ObjectId((int) (EPOCH / 1000) + i, random.nextInt(1 << 24)));
            }
            ids.put(collection, made);
        }
        mapping.models().values().forEach(this::pairs);
        MemoryCollections collections = new MemoryCollections();
        for (PrismaMapping.Model model : mapping.models().values()) {
            List<BsonDocument> documents = new ArrayList<>();
            for (int i = 0; i < perModel; i++) {
                documents.add(document(model, i));
            }
            collections.add(model.collection(), documents);
        }
        return collections;
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
            pairs.put(relation.collection() + "." + relation.field(), chosen);
            if (relation.partner() != null) {
                Set<List<Integer>> reversed = new LinkedHashSet<>();
                chosen.forEach(p -> reversed.add(List.of(p.get(1), p.get(0))));
                pairs.put(relation.to() + "." + relation.partner(), reversed);
            }
        }
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
        pairs.get(relation.collection() + "." + relation.field()).stream().filter(p -> p.get(0) == owner)
                .forEach(p -> values.add(new BsonObjectId(targets.get(p.get(1)))));
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
