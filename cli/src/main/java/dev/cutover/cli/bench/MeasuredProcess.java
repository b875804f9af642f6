package dev.cutover.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a command to completion and measures it: wall time, CPU time (user and system, as last sampled before it
 * exited), and peak resident memory (VmHWM from /proc, sampled until the process exits; 0 where /proc is missing).
 * CPU time is the steadier figure on a shared machine, where wall time varies from run to run.
 *
 * @param command   what ran
 * @param exitCode  its exit code
 * @param seconds   wall time
 * @param cpuSeconds CPU time of the process itself (not of servers it talks to)
 * @param peakRssKb peak resident set size in KiB
 * @param log       where its output went
 */
record MeasuredProcess(List<String> command, int exitCode, double seconds, double cpuSeconds, long peakRssKb, Path log) {

    static MeasuredProcess run(List<String> command, Path log) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        Duration cpu = Duration.ZERO;
        while (process.isAlive()) {
            peak = Math.max(peak, highWaterMark(status));
            Duration sampled = process.info().totalCpuDuration().orElse(Duration.ZERO);
            cpu = sampled.compareTo(cpu) > 0 ? sampled : cpu;
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MeasuredProcess(command, process.waitFor(), seconds, cpu.toMillis() / 1000.0, peak, log);
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
