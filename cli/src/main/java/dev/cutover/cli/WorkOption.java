package dev.cutover.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --work option every command shares. */
final class WorkOption {
    static final String DEFAULT = ".cutover";

    @Option(names = "--work", paramLabel = "DIR", defaultValue = DEFAULT,
            description = "Work directory: plan, migrations, error log, logs, embedded Kafka and PostgreSQL data (default: ${DEFAULT-VALUE}).")
    Path dir;

    WorkDir workDir() {
        return new WorkDir(dir);
    }
}
