package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover export}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a SQLite database as one PostgreSQL SQL file (schema, data, constraints) for psql -f.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    SourceOption source;

    /** The error log of an export to standard output, in the current directory. */
    static final Path STANDARD_OUTPUT_ERRORS = Path.of("cutover-export.errors.jsonl");

    @Option(names = "--out", required = true, paramLabel = "FILE.sql",
            description = "The SQL file to write, or - for standard output (e.g. `--out - | psql DATABASE`: the rows "
                    + "load while they are read; this command's messages then go to standard error).")
    String out;

    @Option(names = "--plan", paramLabel = "plan.json",
            description = "A reviewed plan to use instead of planning the source afresh.")
    Path planFile;

    @Override
    public Integer call() {
        Source exported = source.parse();
        if (exported.documents()) {
            throw CutoverException.usage("--source " + exported.id() + " is a document source, which export does not "
                    + "write yet (its arrays become rows of other tables); migrate it with `cutover run --once`");
        }
        exported.check(Access.READ);
        Plan plan = planFile != null ? PlanJson.read(planFile) : exported.plan(PlanOptions.defaults());
        long started = System.nanoTime();
        boolean toStandardOutput = out.equals("-");
        Path file = toStandardOutput ? null : file(out);
        SqlExport export = toStandardOutput ? SqlExport.toStandardOutput(exported, plan, STANDARD_OUTPUT_ERRORS)
                : new SqlExport(exported, plan, file);
        Map<String, long[]> counts = export.write();
        long rows = counts.values().stream().mapToLong(c -> c[0]).sum();
        long errors = counts.values().stream().mapToLong(c -> c[1]).sum();
        PrintStream messages = toStandardOutput ? System.err : System.out;
        messages.printf("Exported %,d rows of %d tables from %s to %s in %.1f s%n", rows, counts.size(), exported.id(),
                toStandardOutput ? "standard output" : file.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
        if (!toStandardOutput) {
            messages.println("Load it into an empty database: psql -v ON_ERROR_STOP=1 -f " + out + " DATABASE");
        }
        if (!Summary.roundedColumns(export.roundedFloatNoise()).isEmpty()) {
            messages.println("Rounded float noise: " + Summary.roundedFloatNoise(export.roundedFloatNoise()) + ".");
        }
        if (errors > 0) {
            messages.printf("%,d rows could not be converted and are not in the %s; each is in %s with its key and "
                    + "reason.%n", errors, toStandardOutput ? "SQL written" : "file", export.errors());
            return 1;
        }
        return Files.exists(export.errors()) ? 1 : 0;
    }

    private static Path file(String out) {
        try {
            return Path.of(out);
        } catch (InvalidPathException e) {
            throw CutoverException.usage("--out " + out + " is not a file name (" + e.getReason()
                    + "); give a file such as app.sql, or - for standard output");
        }
    }
}
