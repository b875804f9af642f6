package dev.cutover.cli;

import java.io.PrintStream;

/**
 * Prints the progress line: rewritten in place every second on a terminal, a new line every ten seconds otherwise
 * (logs and CI output stay readable).
 */
final class ProgressPrinter {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long intervalMs;
    private long lastPrint;
    private boolean printed;

    ProgressPrinter(PrintStream out) {
        this.out = out;
        this.intervalMs = terminal ? 1000 : 10_000;
        this.lastPrint = System.currentTimeMillis();
    }

    boolean due() {
        return System.currentTimeMillis() - lastPrint >= intervalMs;
    }

    void print(String line) {
        lastPrint = System.currentTimeMillis();
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        printed = true;
    }

    void finish(String line) {
        print(line);
        if (terminal && printed) {
            out.println();
        }
    }
}
