package dev.cutover.schemas;

/**
 * What went wrong, in the terms the command line reports: each code fixes the process exit code.
 * Exit codes follow ARCHITECTURE.md: 1 done with errors, 2 bad usage or configuration,
 * 3 a source, target or Kafka that cannot be reached.
 */
public enum ErrorCode {
    /** An option or argument is missing or malformed. */
    BAD_USAGE(2),
    /** The configuration is valid in form but cannot work (a file that is not SQLite, a target holding other data). */
    BAD_CONFIGURATION(2),
    /** The source cannot be opened or read. */
    SOURCE_UNREACHABLE(3),
    /** PostgreSQL cannot be reached or refuses the connection. */
    TARGET_UNREACHABLE(3),
    /** Kafka cannot be reached. */
    KAFKA_UNREACHABLE(3),
    /** The work finished, but rows are in the error log or validation failed. */
    DATA_ERRORS(1),
    /** A bug or an unexpected state; the message says what was being done. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
