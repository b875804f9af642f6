package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.SkippedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which schema objects are migrated as tables and which are deliberately skipped, each skip with its reason.
 * Cutover's own capture objects (named {@code _cutover_...}) are neither: they are left out of the plan entirely, so
 * planning gives the same plan before and after capture is installed.
 */
final class ObjectClassifier {
    /** Prefix of the tables and triggers Cutover's SQLite capture installs in the source. */
    static final String CUTOVER_PREFIX = "_cutover_";

    /** Migration tools' history tables: their rows describe SQLite migrations, not PostgreSQL ones. */
    static final Set<String> MIGRATION_HISTORY = Set.of("_prisma_migrations", "__drizzle_migrations", "knex_migrations",
            "knex_migrations_lock", "schema_migrations", "ar_internal_metadata", "flyway_schema_history",
            "alembic_version", "django_migrations", "__efmigrationshistory", "sequelizemeta", "typeorm_migrations",
            "goose_db_version");

    /**
     * @param tables   tables to migrate, in source order
     * @param fullText FTS definitions of the migrated FTS tables, by table name
     * @param skipped  everything else, in source order
     */
    record Classification(List<SchemaObject> tables, Map<String, VirtualTable> fullText, List<SkippedObject> skipped) {
    }

    private final Set<String> include;
    private final List<SchemaObject> tables = new ArrayList<>();
    private final Map<String, VirtualTable> fullText = new HashMap<>();
    private final List<SkippedObject> skipped = new ArrayList<>();

    private ObjectClassifier(Set<String> include) {
        this.include = include.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    static Classification classify(List<SchemaObject> objects, Set<String> includeTables, String source) {
        requireIncludedTablesExist(objects, includeTables, source);
        ObjectClassifier classifier = new ObjectClassifier(includeTables);
        for (SchemaObject object : objects) {
            classifier.classify(object, objects);
        }
        return new Classification(classifier.tables, classifier.fullText, classifier.skipped);
    }

    private static void requireIncludedTablesExist(List<SchemaObject> objects, Set<String> includeTables, String source) {
        for (String name : includeTables) {
            boolean table = objects.stream().anyMatch(o -> o.type().equals("table") && o.name().equalsIgnoreCase(name));
            if (!table) {
                throw CutoverException.config("table '" + name + "' is to be included but " + source
                        + " has no such table; check the included table names");
            }
        }
    }

    private void classify(SchemaObject object, List<SchemaObject> all) {
        String lower = object.name().toLowerCase(Locale.ROOT);
        if (lower.startsWith(CUTOVER_PREFIX) || object.type().equals("index")) {
            return;
        }
        if (object.type().equals("trigger")) {
            skip(object, "trigger", "triggers are not migrated: if the application relies on it, write the equivalent "
                    + "PostgreSQL trigger function by hand", object.sql());
        } else if (lower.startsWith("sqlite_")) {
            skip(object, "internal table", internalReason(lower), null);
        } else if (object.type().equals("view")) {
            skip(object, "view", "views hold no data: port the definition to PostgreSQL by hand (SQLite SQL differs)",
                    object.sql());
        } else if (object.type().equals("shadow")) {
            skip(object, "shadow table", shadowReason(object, all), null);
        } else if (object.type().equals("virtual")) {
            virtual(object);
        } else if (MIGRATION_HISTORY.contains(lower) && !include.contains(lower)) {
            skip(object, "migration history", "its rows record the application's SQLite migrations, not PostgreSQL "
                    + "ones: run the application's PostgreSQL migrations instead (include the table to copy it anyway)",
                    null);
        } else {
            tables.add(object);
        }
    }

    private static String internalReason(String name) {
        if (name.equals("sqlite_sequence")) {
            return "SQLite's AUTOINCREMENT counters: identity sequences are moved past the source's largest key when "
                    + "the run is finalized";
        }
        if (name.startsWith("sqlite_stat")) {
            return "SQLite's query-planner statistics: run ANALYZE in PostgreSQL instead";
        }
        return "SQLite's own bookkeeping, not application data";
    }

    private String shadowReason(SchemaObject shadow, List<SchemaObject> all) {
        Optional<SchemaObject> owner = all.stream()
                .filter(o -> o.type().equals("virtual") && shadow.name().startsWith(o.name() + "_"))
                .max((a, b) -> Integer.compare(a.name().length(), b.name().length()));
        if (owner.isEmpty()) {
            return "internal storage of a virtual table, not data of its own";
        }
        return "internal storage of virtual table " + owner.get().name() + ", not data of its own; see "
                + owner.get().name();
    }

    private void virtual(SchemaObject object) {
        VirtualTable table;
        try {
            table = VirtualTable.parse(object.sql());
        } catch (SqlSyntaxException e) {
            skip(object, "virtual table", "its definition cannot be read (" + e.getMessage() + "); migrate its data by "
                    + "hand if needed", object.sql());
            return;
        }
        if (!table.isFullText()) {
            skip(object, "virtual table", "virtual table module '" + table.module() + "' has no PostgreSQL counterpart; "
                    + "its data is not migrated (rtree: consider PostGIS or btree indexes on the bounds)", object.sql());
            return;
        }
        Optional<String> content = table.content();
        if (content.isPresent() && content.get().isEmpty()) {
            skip(object, "virtual table", "contentless full-text index (content=''): it stores no text, only the index; "
                    + "build a full-text (GIN) index in PostgreSQL over the columns it indexes", object.sql());
        } else if (content.isPresent()) {
            skip(object, "virtual table", "external-content full-text index over table " + content.get() + ": the text "
                    + "is migrated with that table; create a full-text (GIN) index on it in PostgreSQL if the "
                    + "application searches it", object.sql());
        } else {
            tables.add(object);
            fullText.put(object.name(), table);
        }
    }

    private void skip(SchemaObject object, String kind, String reason, String sql) {
        skipped.add(new SkippedObject(object.name(), kind, reason, sql));
    }
}
