package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover demo}: the whole pipeline on a bundled database, nothing to install or configure. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Migrate a bundled sample into an embedded PostgreSQL through an embedded Kafka: the Chinook "
                + "SQLite database, or (--source mongodb) documents on an in-process MongoDB server, live.")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_WORK = ".cutover-demo";
    private static final String SAMPLE = "/demo/Chinook_Sqlite.sqlite";

    @Option(names = "--work", paramLabel = "DIR", defaultValue = DEFAULT_WORK,
            description = "Work directory of the demo; emptied at every start (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--source", paramLabel = "KIND", defaultValue = "sqlite", description = "sqlite: the Chinook "
            + "database, migrated once; mongodb: documents on an in-process MongoDB test server, migrated live while "
            + "the demo changes them (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--live-seconds", paramLabel = "S", defaultValue = "30", description = "With --source mongodb: how "
            + "long to keep streaming after the demo's own changes, for yours (default: ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (!source.equals("sqlite") && !source.equals("mongodb")) {
            throw CutoverException.usage("--source " + source + " is not a demo; use sqlite or mongodb");
        }
        if (liveSeconds < 0) {
            throw CutoverException.usage("--live-seconds " + liveSeconds + " is negative; use 0 or more");
        }
        WorkDir work = new WorkDir(dir);
        reset(work.root());
        if (source.equals("mongodb")) {
            return new MongoDemo(work, liveSeconds, System.out).run();
        }
        Path database = work.root().resolve("Chinook.sqlite");
        copySample(database);
        System.out.println("Cutover demo: migrating the Chinook sample database (" + database + ")");
        System.out.println("through an embedded Kafka broker into an embedded PostgreSQL, both in " + work.root());
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + database), null, null, work, true, 4, 2, 2, 2048, 64 << 20);
        return RunCommand.runWithGracefulStop(new MigrationRun(options, System.out));
    }

    private static void reset(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(root) && !path.getFileName().toString().equals("cutover.log")) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw CutoverException.config("cannot empty the demo work directory " + root + " (" + e.getMessage() + ")");
        }
    }

    private static void copySample(Path database) {
        try (InputStream sample = DemoCommand.class.getResourceAsStream(SAMPLE)) {
            if (sample == null) {
                throw new IllegalStateException("the sample database " + SAMPLE + " is missing from the build");
            }
            Files.createDirectories(database.getParent());
            Files.copy(sample, database);
        } catch (IOException e) {
            throw CutoverException.config("cannot write the sample database to " + database + " (" + e.getMessage() + ")");
        }
    }
}
