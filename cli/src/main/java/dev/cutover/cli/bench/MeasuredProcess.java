package dev.cutover.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a command to completion and measures it: wall time, and peak resident memory (VmHWM from /proc, sampled
 * until the process exits; 0 where /proc is missing).
 *
 * @param command   what ran
 * @param exitCode  its exit code
 * @param seconds   wall time
 * @param peakRssKb peak resident set size in KiB
 * @param log       where its output went
 */
record MeasuredProcess(List<String> command, int exitCode, double seconds, long peakRssKb, Path log) {

    static MeasuredProcess run(List<String> command, Path log) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MeasuredProcess(command, process.waitFor(), seconds, peak, log);
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended between the check and the read
        }
        return 0;
    }
}
