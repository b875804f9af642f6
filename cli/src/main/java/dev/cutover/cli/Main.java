package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cutover} command. */
@Command(name = "cutover", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        resourceBundle = "dev.cutover.cli.OptionTexts",
        description = "Moves an application's data from SQLite into PostgreSQL through Kafka, and proves nothing was lost.",
        subcommands = {PlanCommand.class, RunCommand.class, StatusCommand.class, HealthCommand.class, ValidateCommand.class, FinalizeCommand.class,
            StopCommand.class, ReverseCommand.class, RollbackCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ExportCommand.class,
            DemoCommand.class,
            IdCommand.class,
            dev.cutover.cli.bench.BenchCommand.class})
public final class Main {
    private static volatile boolean exiting;

    public static void main(String[] args) {
        System.setProperty(LogConfigurator.FILE_PROPERTY, logFile(args).toString());
        optionValue(args, "--log-format").ifPresent(format -> System.setProperty(LogConfigurator.FORMAT_PROPERTY,
                format));
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int code = execute(args);
        if (code == 0) {
            ClassArchive.recordIfRequested();
        }
        exiting = true;
        System.exit(code);
    }

    /** Runs a command and returns its exit code (0 done, 1 done with errors, 2 bad usage, 3 unreachable). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> report(e));
        commandLine.setParameterExceptionHandler((e, parsed) -> {
            System.err.println("cutover: " + e.getMessage());
            System.err.println("Run `cutover " + (e.getCommandLine().getCommandName()) + " --help` for the options.");
            return ErrorCode.BAD_USAGE.exitCode();
        });
        return commandLine.execute(args);
    }

    private static int report(Exception e) {
        CutoverException failure = e instanceof CutoverException c ? c : Failures.asCutoverException(e);
        Logger log = LoggerFactory.getLogger(Main.class);
        log.debug("command failed", e);
        if (failure.code() == ErrorCode.INTERNAL) {
            log.error("internal error", e);
        }
        System.err.println("cutover: " + failure.getMessage());
        return failure.code().exitCode();
    }

    /** True once main decided to exit by itself (a shutdown hook must not override the exit code then). */
    static boolean exiting() {
        return exiting;
    }

    /** The log goes to the work directory named by --work (or the command's default), found before parsing. */
    private static Path logFile(String[] args) {
        String work = optionValue(args, "--work").orElse(null);
        if (work == null) {
            work = args.length > 0 && args[0].equals("demo") ? DemoCommand.DEFAULT_WORK : WorkOption.DEFAULT;
        }
        return Path.of(work).toAbsolutePath().resolve("cutover.log");
    }

    /** An option's value found before parsing (logging is set up first); picocli validates it later. */
    private static Optional<String> optionValue(String[] args, String option) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option) && i + 1 < args.length) {
                return Optional.of(args[i + 1]);
            } else if (args[i].startsWith(option + "=")) {
                return Optional.of(args[i].substring(option.length() + 1));
            }
        }
        return Optional.empty();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cutover " + (version == null ? "development build" : version)};
        }
    }
}
