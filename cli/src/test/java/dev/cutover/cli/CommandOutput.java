package dev.cutover.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a cutover command in this JVM and keeps what it printed. */
record CommandOutput(int exitCode, String out, String err) {

    static CommandOutput run(String... args) {
        return run(true, args);
    }

    /** As {@link #run}, but what it printed to standard output is kept only, not shown (e.g. an export's SQL). */
    static CommandOutput runKeepingOut(String... args) {
        return run(false, args);
    }

    private static synchronized CommandOutput run(boolean showOut, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new CommandOutput(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            if (showOut) {
                originalOut.print(out.toString(StandardCharsets.UTF_8));
            }
            originalErr.print(err.toString(StandardCharsets.UTF_8));
        }
    }
}
