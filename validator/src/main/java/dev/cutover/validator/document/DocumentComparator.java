package dev.cutover.validator.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import dev.cutover.validator.Difference;
import dev.cutover.validator.LoggedKeys;
import dev.cutover.validator.PendingKeys;
import dev.cutover.validator.TableReport;
import dev.cutover.validator.ValidationOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Compares one collection's documents with its main table and the owned (junction and child) tables its array fields
 * feed: counts, then each document (a sample, or every one in {@code --full}) with its row and its owned rows, then
 * the target rows that no document has (sampled, or every one when the counts say some exist). Memory holds one
 * chunk of documents at a time.
 */
public final class DocumentComparator {
    private static final int LOOKUP_BATCH = 500;

    private final Plan plan;
    private final TablePlan main;
    private final ValidationOptions options;
    private final List<Owned> owned = new ArrayList<>();
    private final Set<String> coveredFields = new HashSet<>();
    /** Per flattened field, the fields of its embedded documents that have columns. */
    private final Map<String, Set<String>> flattened = new HashMap<>();

    /** An array field and the owned table it feeds. */
    private record Owned(ArrayFeed feed, TablePlan table) {
    }

    public DocumentComparator(Plan plan, TablePlan main, ValidationOptions options) {
        if (main.document() == null || main.document().owned()) {
            throw new IllegalArgumentException(main.source() + " is not a collection's main table");
        }
        this.plan = plan;
        this.main = main;
        this.options = options;
        for (ArrayFeed feed : main.document().arrays()) {
            owned.add(new Owned(feed, plan.targetTable(feed.table()).orElseThrow(() -> new IllegalArgumentException(
                    "the plan's feed " + main.source() + "." + feed.field() + " names table " + feed.table()
                            + ", which the plan does not have"))));
            coveredFields.add(feed.field());
        }
        for (ColumnPlan column : main.columns()) {
            String parent = main.document().flattenedParent(column.source());
            String field = SourceDocument.topLevelField(column.source());
            if (parent != null) {
                flattened.computeIfAbsent(parent, p -> new HashSet<>())
                        .add(column.source().substring(parent.length() + 1));
            } else if (field != null && !column.target().equals(main.document().extraColumn())) {
                coveredFields.add(field);
            }
        }
        coveredFields.addAll(main.document().ignored());
    }

    /**
     * The main table's report, then one per owned table, in the plan's feed order. The documents whose keys the error
     * log names are compared besides the sample.
     */
    public List<TableReport> compare(ReadBack source, Connection postgres, PendingKeys pending, LoggedKeys logged)
            throws SQLException {
        Run run = new Run(source, postgres, pending, logged);
        if (options.full()) {
            run.compareAll();
        } else {
            run.compareSample();
        }
        return run.reports();
    }

    /** One comparison's state: the tallies and the counts of owned rows the documents give. */
    private final class Run {
        private final ReadBack source;
        private final Connection postgres;
        private final PendingKeys pending;
        private final LoggedKeys logged;
        private final TargetTable target;
        private final Tally tally;
        private final Map<Owned, Tally> ownedTallies = new LinkedHashMap<>();
        private final Map<Owned, long[]> ownedSourceRows = new LinkedHashMap<>();
        private long matchedRows;

        Run(ReadBack source, Connection postgres, PendingKeys pending, LoggedKeys logged) {
            this.source = source;
            this.postgres = postgres;
            this.pending = pending;
            this.logged = logged;
            this.target = new TargetTable(postgres, plan.targetSchema(), main);
            this.tally = tally(main);
            for (Owned o : owned) {
                ownedTallies.put(o, tally(o.table()));
                ownedSourceRows.put(o, new long[1]);
            }
        }

        private Tally tally(TablePlan table) {
            return new Tally(table.source(), main.source(), options.maxExamples(), pending, logged);
        }

        void compareAll() throws SQLException {
            List<SourceDocument> chunk = new ArrayList<>();
            try (ReadBack.Cursor cursor = source.stream(main, KeyRange.ALL)) {
                while (cursor.hasNext()) {
                    chunk.add(SourceDocument.of(cursor.next(), main));
                    if (chunk.size() == options.chunkRows()) {
                        compareChunk(chunk, true);
                        chunk.clear();
                    }
                }
            }
            compareChunk(chunk, true);
        }

        void compareSample() throws SQLException {
            List<SourceDocument> sample = new ArrayList<>();
            Set<String> sampled = new HashSet<>();
            for (SourceRow row : source.sample(main, options.sampleSize())) {
                SourceDocument document = SourceDocument.of(row, main);
                sampled.add(document.reportKey());
                sample.add(document);
            }
            for (SourceRow row : source.read(main, LoggedDocumentKeys.keys(main, logged.of(main.source())))) {
                SourceDocument document = SourceDocument.of(row, main);
                if (sampled.add(document.reportKey())) {
                    sample.add(document);
                }
            }
            compareChunk(sample, false);
            if (!owned.isEmpty()) {
                countOwnedSourceRows();
            }
        }

        /** Owned rows the documents give, for the owned tables' counts: every document is read for it. */
        private void countOwnedSourceRows() {
            try (ReadBack.Cursor cursor = source.stream(main, KeyRange.ALL)) {
                while (cursor.hasNext()) {
                    SourceDocument document = SourceDocument.of(cursor.next(), main);
                    for (Owned o : owned) {
                        ownedSourceRows.get(o)[0] += expectedOwnedRows(o, document.document()).size();
                    }
                }
            }
        }

        private void compareChunk(List<SourceDocument> documents, boolean countOwned) throws SQLException {
            for (int from = 0; from < documents.size(); from += LOOKUP_BATCH) {
                List<SourceDocument> batch = documents.subList(from, Math.min(documents.size(), from + LOOKUP_BATCH));
                List<List<String>> keys = batch.stream().map(SourceDocument::targetKey).flatMap(Optional::stream).toList();
                Map<String, List<JsonNode>> rows = target.rowsWhere(main.key().targetColumns(), keys, null);
                Map<Owned, Map<String, List<JsonNode>>> ownedRows = new LinkedHashMap<>();
                for (Owned o : owned) {
                    ownedRows.put(o, new TargetTable(postgres, plan.targetSchema(), o.table())
                            .rowsWhere(o.feed().ownerColumns(), keys, orderColumn(o)));
                }
                for (SourceDocument document : batch) {
                    compareDocument(document, rows, ownedRows, countOwned);
                }
            }
        }

        private void compareDocument(SourceDocument document, Map<String, List<JsonNode>> rows,
                                     Map<Owned, Map<String, List<JsonNode>>> ownedRows, boolean countOwned) {
            String documentKey = document.reportKey();
            if (document.targetKey().isEmpty()) {
                tally.different(documentKey, List.of(new Difference(documentKey, "_id", "(no key value)", null)));
                return;
            }
            String key = document.matchKey().orElseThrow();
            List<JsonNode> found = rows.get(key);
            if (found == null) {
                tally.missing(documentKey, documentKey);
            } else {
                matchedRows++;
                List<Difference> differences = compareRow(document, found.get(0));
                if (differences.isEmpty()) {
                    tally.equal();
                } else {
                    tally.different(documentKey, differences);
                }
            }
            for (Owned o : owned) {
                List<BsonValue> expected = expectedOwnedRows(o, document.document());
                if (countOwned) {
                    ownedSourceRows.get(o)[0] += expected.size();
                }
                List<JsonNode> actual = ownedRows.get(o).getOrDefault(key, List.of());
                compareOwned(o, document, expected, actual);
            }
        }

        private List<Difference> compareRow(SourceDocument document, JsonNode row) {
            List<Difference> differences = new ArrayList<>();
            for (ColumnPlan column : main.columns()) {
                if (!column.written()) {
                    continue;
                }
                BsonValue expected = column.target().equals(main.document().extraColumn())
                        ? extra(document.document(), coveredFields, flattened)
                        : expectedValue(document, column.source());
                JsonNode actual = row.get(column.target());
                String type = column.target().equals(main.document().extraColumn()) ? "jsonb" : column.targetType();
                if (!DocumentValues.matches(expected, actual, type)) {
                    differences.add(new Difference(document.reportKey(), column.source(), display(expected), actual));
                }
            }
            return differences;
        }

        /** What a main-table column takes from the document: a field, or a field of a flattened embedded document. */
        private BsonValue expectedValue(SourceDocument document, String source) {
            String parent = main.document().flattenedParent(source);
            if (parent == null) {
                return SourceDocument.field(document.document(), document.keyDocument(), source);
            }
            BsonValue embedded = document.document().get(parent);
            return embedded instanceof BsonDocument fields ? fields.get(source.substring(parent.length() + 1)) : null;
        }

        private void compareOwned(Owned o, SourceDocument document, List<BsonValue> expected, List<JsonNode> actual) {
            Tally t = ownedTallies.get(o);
            if (o.feed().kind() == ArrayFeed.Kind.JUNCTION) {
                compareJunction(o, document, expected, actual, t);
            } else {
                compareChildren(o, document, expected, actual, t);
            }
        }

        private void compareJunction(Owned o, SourceDocument document, List<BsonValue> expected, List<JsonNode> actual,
                                     Tally t) {
            String type = SourceDocument.columnType(o.table(), o.feed().elementColumn());
            Set<String> present = new HashSet<>();
            for (JsonNode row : actual) {
                present.add(DocumentValues.canonical(row.get(o.feed().elementColumn())));
            }
            Set<String> wanted = new HashSet<>();
            for (BsonValue element : expected) {
                String text = DocumentValues.keyText(element, type)
                        .map(keyText -> DocumentValues.canonicalKey(keyText, type)).orElse("");
                wanted.add(text);
                String pairKey = pairKey(document, element);
                if (present.contains(text)) {
                    t.equal();
                } else {
                    t.missing(document.reportKey(), pairKey);
                }
            }
            for (JsonNode row : actual) {
                String text = DocumentValues.canonical(row.get(o.feed().elementColumn()));
                if (!wanted.contains(text)) {
                    t.extra(document.reportKey(), document.reportKey() + " " + o.feed().elementColumn() + "="
                            + row.get(o.feed().elementColumn()));
                }
            }
        }

        private void compareChildren(Owned o, SourceDocument document, List<BsonValue> expected, List<JsonNode> actual,
                                     Tally t) {
            for (int i = 0; i < expected.size(); i++) {
                String childKey = document.reportKey() + " [" + i + "]";
                if (i >= actual.size()) {
                    t.missing(document.reportKey(), childKey);
                    continue;
                }
                List<Difference> differences = compareChild(o, childKey, expected.get(i), actual.get(i), i);
                if (differences.isEmpty()) {
                    t.equal();
                } else {
                    t.different(document.reportKey(), differences);
                }
            }
            for (int i = expected.size(); i < actual.size(); i++) {
                t.extra(document.reportKey(), document.reportKey() + " [" + i + "]");
            }
        }

        private List<Difference> compareChild(Owned o, String childKey, BsonValue element, JsonNode row, int index) {
            List<Difference> differences = new ArrayList<>();
            BsonDocument child = element.isDocument() ? element.asDocument() : new BsonDocument();
            Set<String> covered = new HashSet<>();
            String extraColumn = o.table().document() == null ? null : o.table().document().extraColumn();
            for (ColumnPlan column : o.table().columns()) {
                if (!column.source().startsWith("$") && !column.target().equals(extraColumn)) {
                    covered.add(column.source());
                }
            }
            for (ColumnPlan column : o.table().columns()) {
                if (column.source().equals(DocumentPlan.OWNER) || !column.written()) {
                    continue;
                }
                BsonValue expected;
                String type = column.targetType();
                if (column.source().equals(DocumentPlan.INDEX)) {
                    expected = new org.bson.BsonInt32(index);
                } else if (column.target().equals(extraColumn)) {
                    expected = extra(child, covered, Map.of());
                    type = "jsonb";
                } else {
                    expected = child.get(column.source());
                }
                if (!DocumentValues.matches(expected, row.get(column.target()), type)) {
                    differences.add(new Difference(childKey, column.source(), display(expected), row.get(column.target())));
                }
            }
            return differences;
        }

        List<TableReport> reports() throws SQLException {
            long sourceRows = source.count(main);
            long targetRows = target.count();
            findExtras(targetRows);
            String mode = options.full() ? "full" : "sample";
            List<TableReport> reports = new ArrayList<>();
            reports.add(report(main, sourceRows, targetRows, tally, mode));
            for (Owned o : owned) {
                long ownedTarget = new TargetTable(postgres, plan.targetSchema(), o.table()).count();
                reports.add(report(o.table(), ownedSourceRows.get(o)[0], ownedTarget, ownedTallies.get(o), mode));
            }
            return reports;
        }

        private TableReport report(TablePlan table, long sourceRows, long targetRows, Tally t, String mode) {
            long pendingChanges = pending.count(main.source());
            String counts = sourceRows == targetRows ? "equal"
                    : Math.abs(sourceRows - targetRows) <= pendingChanges ? "pending" : "differ";
            return new TableReport(table.source(), table.target(), sourceRows, targetRows, pendingChanges, counts,
                    t.comparison(mode));
        }

        /**
         * Target rows with no document: sampled target keys looked up in the source; in full mode, when more target
         * rows exist than documents matched, every target key.
         */
        private void findExtras(long targetRows) throws SQLException {
            TargetKeys keys = new TargetKeys(postgres, plan.targetSchema(), main);
            if (options.full()) {
                if (targetRows > matchedRows) {
                    keys.everyKey(LOOKUP_BATCH, batch -> checkInSource(batch));
                }
            } else {
                checkInSource(keys.sample(options.sampleSize()));
            }
        }

        private void checkInSource(List<JsonNode> targetKeys) {
            SourceKeys candidates = SourceKeys.of(main, targetKeys);
            Set<String> found = new HashSet<>();
            for (SourceRow row : source.read(main, candidates.keys())) {
                SourceDocument document = SourceDocument.of(row, main);
                document.matchKey().ifPresent(found::add);
            }
            for (JsonNode row : targetKeys) {
                String key = TargetTable.canonicalKey(row, main.key().targetColumns());
                if (!found.contains(key)) {
                    String reportKey = candidates.reportKey(row);
                    tally.extra(reportKey, reportKey);
                }
            }
        }
    }

    private String orderColumn(Owned o) {
        return o.feed().kind() == ArrayFeed.Kind.CHILDREN ? o.feed().elementColumn() : null;
    }

    private static String pairKey(SourceDocument document, BsonValue element) {
        return document.reportKey() + " " + DocumentValues.relaxedJson(element);
    }

    /** The array's elements that become owned rows: distinct ones for a junction, all of them for child rows. */
    private static List<BsonValue> expectedOwnedRows(Owned o, BsonDocument document) {
        BsonValue value = document.get(o.feed().field());
        if (value == null || !value.isArray()) {
            return List.of();
        }
        BsonArray array = value.asArray();
        if (o.feed().kind() == ArrayFeed.Kind.CHILDREN) {
            return array.getValues();
        }
        List<BsonValue> distinct = new ArrayList<>();
        Set<BsonValue> seen = new HashSet<>();
        for (BsonValue element : array) {
            if (!element.isNull() && seen.add(element)) {
                distinct.add(element);
            }
        }
        return distinct;
    }

    /**
     * The fields of a document that no column, feed or ignore covers: what the extra column holds (null when none). Of
     * a flattened field it holds the embedded document's fields without a column, an empty document, or a value that
     * is not a document.
     */
    private static BsonValue extra(BsonDocument document, Set<String> covered, Map<String, Set<String>> flattened) {
        BsonDocument extra = new BsonDocument();
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            Set<String> columns = flattened.get(field.getKey());
            if (columns != null) {
                BsonValue rest = flattenedRest(field.getValue(), columns);
                if (rest != null) {
                    extra.put(field.getKey(), rest);
                }
            } else if (!covered.contains(field.getKey())) {
                extra.put(field.getKey(), field.getValue());
            }
        }
        return extra.isEmpty() ? null : extra;
    }

    private static BsonValue flattenedRest(BsonValue value, Set<String> columns) {
        if (!(value instanceof BsonDocument embedded)) {
            return value;
        }
        BsonDocument rest = new BsonDocument();
        embedded.forEach((name, fieldValue) -> {
            if (!columns.contains(name)) {
                rest.put(name, fieldValue);
            }
        });
        return rest.isEmpty() && !embedded.isEmpty() ? null : rest;
    }

    private static Object display(BsonValue value) {
        return value == null ? null : DocumentValues.relaxedJson(value);
    }
}
