package dev.cutover.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code cutover} as a separate operating-system process (the test JVM's classpath), so a test can kill it with
 * SIGKILL the way an operator's {@code kill -9} or a crashed machine would.
 */
final class CutoverProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private CutoverProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static CutoverProcess start(Path output, String... args) throws IOException {
        return start(output, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, the java command run by {@code launcher} (e.g. setpriv and its options). */
    static CutoverProcess start(Path output, List<String> launcher, String... args) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        return new CutoverProcess(process, output);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("cutover did not exit within " + seconds + " s; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs, so a failed test leaves nothing behind. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * What the process's threads are doing, from {@code jcmd Thread.print} (the JDK's own tool, beside the java
     * command), for a test that gives up waiting on it.
     */
    String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until the output contains {@code text}; fails with the output when the process ends or time is up. */
    void awaitOutput(String text, long seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (!output().contains(text)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("cutover never printed '" + text + "'; its output:\n" + output());
            }
            Thread.sleep(100);
        }
    }
}
