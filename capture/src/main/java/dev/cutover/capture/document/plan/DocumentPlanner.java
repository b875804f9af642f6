package dev.cutover.capture.document.plan;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.capture.prisma.PrismaParser;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.PlanOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Plans the migration of a document source (a JSON directory, MongoDB) into PostgreSQL (generate mode), by the rules
 * of the document plan: a table per collection named exactly after it, keyed by its ids (an ObjectId becomes a
 * {@code uuid} by the id rule), a column per top-level field typed by what the documents hold (several types widened,
 * with the reason), references as foreign keys, arrays of references as junction tables, arrays of scalars as
 * PostgreSQL arrays, documents and mixed arrays as {@code jsonb}, declared child tables, enums, full-text indexes and
 * ignored fields, and an {@code _extra} column on every main table so nothing is dropped. Every decision carries its
 * reason in a column note, a table note or a warning.
 *
 * <p>With a Prisma schema ({@link PlanOptions#prismaSchema()}), each model maps its collection: its {@code @id} is the
 * key, each field it stores a column typed by the schema, its relations references and junctions (a relation's two
 * lists share one), its enums PostgreSQL enum types, its {@code @default}s, {@code @unique}s and {@code @@index}es
 * carried over; fields the model lacks land in {@code _extra}, and documents the schema does not allow are counted
 * into warnings (they go to the error log when migrated). What the schema does not say (collections without a model,
 * whether lists are always there) is profiled as without one.
 *
 * <p>Reads each collection once to profile it, and again only the collections with fields that may be references
 * (see {@link ReferenceFinder}). Memory: bounded profiles, plus 16 bytes per document for the {@code _id}s (and for the
 * values of fields a declared reference points to), held as sorted pairs of longs ({@link KeySet}), exact for ObjectIds
 * and integers; a million documents take about 16 MB beyond the profiles. The same documents in the same order give
 * the same plan, byte for byte.
 */
public final class DocumentPlanner {
    private final String sourceId;
    private final DocumentCollections source;
    private final PlanOptions options;
    /** What the operator declared, kept in the plan. */
    private final Declarations declared;
    private final List<String> warnings = new ArrayList<>();
    /** The Prisma schema's mapping, or null. */
    private final PrismaMapping prisma;
    /** The declarations that apply: all of them, or without a Prisma schema's overrides. */
    private final Declarations applied;
    private final ValueKey.Maker keys = new ValueKey.Maker();

    private DocumentPlanner(String sourceId, DocumentCollections source, PlanOptions options) {
        this.sourceId = sourceId;
        this.source = source;
        this.options = options == null ? PlanOptions.defaults() : options;
        this.declared = this.options.declarations();
        this.prisma = this.options.prismaSchema() == null ? null
                : PrismaMapping.of(PrismaParser.parse(this.options.prismaSchema()), warnings);
        this.applied = prisma == null ? declared : prisma.applied(declared, warnings);
    }

    /**
     * @param sourceId    the source's identity for the plan (never holding a password)
     * @param collections the source's collections; read, not closed
     * @param options     null for {@link PlanOptions#defaults()}; its declarations are applied and kept in the plan;
     *                    its Prisma schema, when set, is the mapping of the collections its models map
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE when a collection cannot be read;
     *                                              BAD_CONFIGURATION when the Prisma schema cannot be read
     */
    public static Plan plan(String sourceId, DocumentCollections collections, PlanOptions options) {
        return new DocumentPlanner(sourceId, collections, options).plan();
    }

    private Plan plan() {
        Declarations reading = prisma == null ? applied : prisma.probing(applied);
        Map<String, CollectionProfile> profiles = profiles(reading);
        Map<String, CollectionKey> documentKeys = new LinkedHashMap<>();
        profiles.forEach((name, profile) -> documentKeys.put(name, KeyPlanner.decide(profile, applied,
                prisma == null ? null : prisma.model(name).orElse(null), warnings)));
        Map<FieldPath, Probe> probes = ReferenceFinder.find(source, profiles, documentKeys, reading, keys);
        Map<FieldPath, Link> links = prisma == null
                ? LinkPlanner.decide(profiles, documentKeys, probes, applied, warnings)
                : PrismaLinks.decide(prisma, profiles, documentKeys, probes, applied, warnings);
        links.keySet().removeIf(path -> ignored(path));
        Planning planning = new Planning(options.targetSchema(), applied, profiles, documentKeys, links, probes, prisma,
                warnings);
        List<EnumPlan> enums = tables(planning);
        List<TablePlan> tables = planning.tables().stream().map(DocumentTableDraft::build).collect(Collectors.toList());
        return new Plan(Plan.FORMAT_VERSION, sourceId, SchemaMode.GENERATE, options.targetSchema(), tables, List.of(),
                planning.names.renames(), List.of(), List.of(), warnings, List.of(), enums,
                declared.equals(Declarations.NONE) ? null : declared);
    }

    /**
     * Reads every collection once, in name order; with a Prisma schema, checks the collections its models map against
     * them, and plans a model whose collection the source lacks from the schema alone (an empty table).
     */
    private Map<String, CollectionProfile> profiles(Declarations reading) {
        List<String> present = source.collections();
        Set<String> names = new TreeSet<>(present);
        if (prisma != null) {
            names.addAll(prisma.models().keySet());
        }
        Map<String, CollectionProfile> profiles = new LinkedHashMap<>();
        for (String name : names) {
            Optional<PrismaMapping.Model> model = prisma == null ? Optional.empty() : prisma.model(name);
            if (!present.contains(name)) {
                warnings.add("Prisma model " + model.orElseThrow().name() + ": the source has no collection " + name
                        + "; its table is planned from the schema alone and starts empty");
                profiles.put(name, CollectionProfile.absent(name, reading, keys));
                continue;
            }
            if (prisma != null && model.isEmpty()) {
                warnings.add("collection " + name + " has no Prisma model; it is planned from its documents");
            }
            profiles.put(name, CollectionProfile.read(source, name, reading, keys,
                    model.map(m -> new SchemaCheck(m, prisma.enumValues())).orElse(null)));
        }
        return profiles;
    }

    /** Plans every table of {@code planning}; returns the enum types they use. */
    private static List<EnumPlan> tables(Planning planning) {
        Map<String, String> targets = new LinkedHashMap<>();
        planning.profiles.keySet().forEach(name -> targets.put(name, planning.names.table(name)));
        List<EnumPlan> enums = EnumTypes.plan(planning);
        List<FieldPath> children = ChildTablePlanner.accepted(planning);
        List<FieldPath> flattened = FlattenedFields.accepted(planning, children);
        planning.profiles.forEach((name, profile) -> planning.mains.put(name,
                MainTablePlanner.plan(planning, profile, targets.get(name), feeds(planning, name, children),
                        flattened.stream().filter(f -> f.collection().equals(name)).map(FieldPath::field).toList())));
        children.forEach(path -> ChildTablePlanner.plan(planning, path));
        PrismaIndexes.plan(planning);
        JunctionPlanner.plan(planning);
        ReferenceConstraints.plan(planning);
        SearchIndexes.plan(planning);
        inFieldOrder(planning);
        return enums;
    }

    /** Puts each main table's feeds, and the tables it owns, in the order of their fields in its documents. */
    private static void inFieldOrder(Planning planning) {
        planning.mains.forEach((name, main) -> {
            List<String> fields = planning.profiles.get(name).top().fields().stream().map(FieldProfile::name)
                    .collect(Collectors.toList());
            main.feeds.sort(Comparator.comparingInt(feed -> fields.indexOf(feed.field())));
            planning.owned.getOrDefault(name, new ArrayList<>())
                    .sort(Comparator.comparingInt(table -> fields.indexOf(table.document.arrayField())));
        });
    }

    /** The collection's array fields that land in owned tables: arrays of references and declared children. */
    private static Set<String> feeds(Planning planning, String collection, List<FieldPath> children) {
        Set<String> feeds = new HashSet<>();
        planning.links.values().stream().filter(l -> l.array() && l.path().array() == null
                && l.path().collection().equals(collection)).forEach(l -> feeds.add(l.path().field()));
        children.stream().filter(c -> c.collection().equals(collection)).forEach(c -> feeds.add(c.field()));
        return feeds;
    }

    private boolean ignored(FieldPath path) {
        return applied.ignore().stream().anyMatch(f -> f.collection().equals(path.collection())
                && f.field().equals(path.array() == null ? path.field() : path.array()));
    }
}
