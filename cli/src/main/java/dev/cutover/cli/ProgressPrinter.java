package dev.cutover.cli;

import java.io.PrintStream;

/**
 * Prints the progress line: rewritten in place every second on a terminal, a new line every ten seconds otherwise
 * (logs and CI output stay readable).
 */
final class ProgressPrinter {
    private final Progress progress;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long intervalMs;
    private long lastPrint;
    private boolean printed;

    ProgressPrinter(Progress progress, PrintStream out) {
        this.progress = progress;
        this.out = out;
        this.intervalMs = terminal ? 1000 : 10_000;
        this.lastPrint = System.currentTimeMillis();
    }

    void tick() {
        long now = System.currentTimeMillis();
        if (now - lastPrint >= intervalMs) {
            lastPrint = now;
            print();
        }
    }

    private void print() {
        String line = progress.line();
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
        printed = true;
    }

    void finish() {
        print();
        if (terminal && printed) {
            out.println();
        }
    }
}
