package dev.cutover.cli;

import static dev.cutover.schemas.plan.Identifiers.literal;
import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.migration.Migration;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceRow;
import dev.cutover.sink.CopyEncoder;
import dev.cutover.sink.errorlog.ErrorLog;
import dev.cutover.transform.RoundedCounts;
import dev.cutover.transform.RowTransformer;
import dev.cutover.transform.TransformResult;
import dev.cutover.transform.convert.ValueText;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cutover export}: the same translation as {@code run}, written as one SQL file for {@code psql -f} — tables
 * (V1 without their keys), data as COPY blocks, the keys, indexes and constraints (V2) validated, sequences moved — in
 * one transaction. The keys come after the data because PostgreSQL builds them faster in one go than row by row
 * (see {@link MigrationWriter#createTablesWithoutKeys}). The rows are the source's read back in one read transaction,
 * so the file is one consistent state of it. Rows that cannot be converted are left out and written to
 * {@code <file>.errors.jsonl} with their key and reason.
 */
public final class SqlExport {
    /** Rows encoded into COPY text before it is written. */
    private static final int BATCH = 4096;

    private final Source source;
    private final Plan plan;
    /** The file, or null for standard output. */
    private final Path out;
    private final Path errors;
    private final RowTransformer transformer;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final RoundedCounts rounded = new RoundedCounts();

    /** Writes the file {@code out}; rows that cannot be converted go to {@code <out>.errors.jsonl} beside it. */
    public SqlExport(Source source, Plan plan, Path out) {
        this(source, plan, out.toAbsolutePath(),
                out.toAbsolutePath().resolveSibling(out.getFileName() + ".errors.jsonl"));
    }

    private SqlExport(Source source, Plan plan, Path out, Path errors) {
        this.source = source;
        this.plan = plan;
        this.out = out;
        this.errors = errors.toAbsolutePath();
        this.transformer = new RowTransformer(plan);
    }

    /**
     * Writes the SQL to standard output ({@code --out -}, e.g. into {@code psql}: the rows load while they are read);
     * rows that cannot be converted go to {@code errors}.
     */
    public static SqlExport toStandardOutput(Source source, Plan plan, Path errors) {
        return new SqlExport(source, plan, null, errors);
    }

    /** Writes the file; returns table to {rows written, rows in the error log}. */
    public Map<String, long[]> write() {
        try {
            Files.deleteIfExists(errors);
            try (OutputStream file = new BufferedOutputStream(out == null ? new KeptOpen(System.out)
                    : Files.newOutputStream(out), 1 << 20);
                 ReadBack rows = source.readBack(true)) {
                text(file, header());
                List<Migration> migrations = MigrationWriter.migrations(plan);
                text(file, MigrationWriter.createTablesWithoutKeys(plan) + "\n");
                for (TablePlan table : plan.tables()) {
                    copyTable(rows, table, file);
                }
                text(file, "\n" + String.join("\n", MigrationWriter.addKeyStatements(plan)) + "\n\n");
                for (Migration migration : migrations.subList(1, migrations.size())) {
                    text(file, migration.sql() + "\n");
                }
                for (String statement : MigrationWriter.validationStatements(plan)) {
                    text(file, statement.endsWith(";") ? statement + "\n" : statement + ";\n");
                }
                text(file, sequences() + "COMMIT;\n");
            }
            checkStandardOutput();
            return counts;
        } catch (IOException e) {
            if (out == null) {
                throw CutoverException.config("cannot write the SQL to standard output (" + e.getMessage()
                        + "); did the reading end (psql?) stop early? Its own output says why");
            }
            throw CutoverException.config("cannot write " + out + " (" + e.getMessage() + "); check --out");
        }
    }

    private String header() {
        return "-- Cutover export of " + plan.source() + "\n"
                + "-- Load into an empty database with: psql -v ON_ERROR_STOP=1 "
                + (out == null ? "DATABASE < this SQL" : "-f " + out.getFileName() + " DATABASE") + "\n"
                + "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n\\set ON_ERROR_STOP on\n"
                + "BEGIN;\n\n";
    }

    private void copyTable(ReadBack rows, TablePlan table, OutputStream file) throws IOException {
        long[] count = counts.computeIfAbsent(table.target(), t -> new long[2]);
        CopyEncoder encoder = new CopyEncoder();
        RowEvents events = new RowEvents(table);
        boolean started = false;
        try (ReadBack.Cursor cursor = rows.stream(table, KeyRange.ALL)) {
            while (cursor.hasNext()) {
                encoder.reset();
                for (int n = 0; n < BATCH && cursor.hasNext(); n++) {
                    ChangeEvent event = events.of(cursor.next());
                    TransformResult result = transformer.transform(event);
                    if (result.row() == null) {
                        reject(event, result);
                        count[1]++;
                        continue;
                    }
                    if (!started) {
                        text(file, "COPY " + qualified(plan.targetSchema(), table.target()) + " ("
                                + String.join(", ", result.row().getColumns().stream().map(Identifiers::quote).toList())
                                + ") FROM stdin;\n");
                        started = true;
                    }
                    encoder.row(result.row().getValues());
                    rounded.add(result);
                    count[0]++;
                }
                file.write(encoder.buffer(), 0, encoder.length());
                checkStandardOutput();
            }
        }
        if (started) {
            text(file, "\\.\n\n");
        }
    }

    /**
     * One table's rows as the snapshot events capture would send, for the transformer: every row shares its column
     * lists (the same objects), so the transformer works out what depends on them once.
     */
    private final class RowEvents {
        private final TablePlan table;
        private final List<String> columns;
        private final long readMs = System.currentTimeMillis();

        RowEvents(TablePlan table) {
            this.table = table;
            this.columns = table.columns().stream().map(ColumnPlan::source).toList();
        }

        ChangeEvent of(SourceRow row) {
            return new ChangeEvent(plan.source(), table.source(), Operation.SNAPSHOT, table.key().sourceColumns(),
                    row.key(), columns, row.values(), 0L, readMs, readMs);
        }
    }

    private void reject(ChangeEvent row, TransformResult result) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setId("export/" + row.getTable() + "/" + ValueText.rowJson(row.getKeyColumns(), row.getKey()))
                .setStage("export")
                .setSource(plan.source())
                .setTable(row.getTable())
                .setKey(ValueText.rowJson(row.getKeyColumns(), row.getKey()))
                .setRow(ValueText.rowJson(row.getColumns(), row.getValues()))
                .setColumn(result.column())
                .setReason(result.rejection())
                .setTimeMs(System.currentTimeMillis())
                .build();
        try {
            Files.writeString(errors, ErrorLog.line(letter) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw CutoverException.config("cannot write the error log " + errors + " (" + e.getMessage() + "); "
                    + "make room or give a writable place (the error log of --out - goes to the current directory)");
        }
    }

    /** Moves every identity sequence past the exported maximum, as {@code run} does. */
    private String sequences() {
        StringBuilder sql = new StringBuilder();
        for (TablePlan table : plan.tables()) {
            String qualified = qualified(plan.targetSchema(), table.target());
            for (ColumnPlan column : table.columns()) {
                if (column.identity()) {
                    sql.append("SELECT setval(pg_get_serial_sequence(").append(literal(qualified))
                            .append(", ").append(literal(column.target())).append("), COALESCE(max(")
                            .append(quote(column.target())).append("), 0) + 1, false) FROM ").append(qualified).append(";\n");
                }
            }
        }
        return sql.toString();
    }

    Path errors() {
        return errors;
    }

    /** REAL values written rounded from float noise: target table → column → count (valid after {@link #write}). */
    Map<String, Map<String, Long>> roundedFloatNoise() {
        return rounded.byTable();
    }

    /**
     * Standard output is a PrintStream, which keeps a failed write to itself: when the reader has gone (psql stopped
     * at an error), say so instead of reading the rest of the source for nobody.
     */
    private void checkStandardOutput() throws IOException {
        if (out == null && System.out.checkError()) {
            throw new IOException("the stream was closed");
        }
    }

    /** Standard output, flushed but not closed when the export is done: it belongs to the process, not to the export. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static void text(OutputStream file, String text) throws IOException {
        file.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
