package dev.cutover.capture.document.plan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.PlanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A golden planning case: a set of collections under {@code src/test/resources/documents/<data>/} (or NextCRM's
 * generated documents, {@link NextCrmDocuments}) and, in {@code src/test/resources/document-plans/<name>/}, the
 * operator's {@code declarations.json} (optional) and the expected {@code plan.json} and migrations; optionally a
 * Prisma schema as the mapping. Shared by the golden test and the PostgreSQL IT.
 */
record PlanCase(String name, String data, Path prisma) {
    /** ITs and tests run with the module directory as working directory. */
    static final Path RESOURCES = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources");
    static final Path DOCUMENTS = RESOURCES.resolve("documents");
    static final Path PLANS = RESOURCES.resolve("document-plans");
    /** The data of the NextCRM case: generated, not read from a directory. */
    static final String NEXTCRM = "nextcrm";
    /** NextCRM's Prisma schema, which the generator reads from the class path. */
    static final Path NEXTCRM_SCHEMA = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/resources/prisma/nextcrm-mongodb.schema.prisma");

    PlanCase(String name, String data) {
        this(name, data, null);
    }

    /** NextCRM's generated documents mapped by its Prisma schema, with its full-text declarations. */
    static PlanCase nextCrm() {
        return new PlanCase(NEXTCRM, NEXTCRM, NEXTCRM_SCHEMA);
    }

    static List<PlanCase> all() {
        return List.of(
                new PlanCase("sample_analytics", "sample_analytics"),
                new PlanCase("sample_analytics_declared", "sample_analytics"),
                new PlanCase("sample_mflix", "sample_mflix"),
                new PlanCase("seed003", "seed003"),
                new PlanCase("seed003_declared", "seed003"),
                new PlanCase("references", "references"),
                new PlanCase("ids", "ids"),
                new PlanCase("types", "types"),
                new PlanCase("names", "names"),
                new PlanCase("empty", "empty"),
                nextCrm());
    }

    Path dir() {
        return PLANS.resolve(name);
    }

    MemoryCollections collections() {
        return data.equals(NEXTCRM) ? MemoryCollections.nextCrm(20_260_101L, 12)
                : MemoryCollections.read(DOCUMENTS.resolve(data));
    }

    Declarations declarations() {
        Path file = dir().resolve("declarations.json");
        if (!Files.exists(file)) {
            return Declarations.NONE;
        }
        try {
            return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), Declarations.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Plan plan() {
        return DocumentPlanner.plan("jsondir:/data/" + data, collections(),
                new PlanOptions(null, Set.of(), declarations(), prisma));
    }

    @Override
    public String toString() {
        return name;
    }
}
