package dev.cutover.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
        return measure(command, List.of(process), started, log);
    }

    /**
     * Runs {@code first | second} and measures the two together: wall time until both ended, the sum of their CPU times
     * and of their peak RSS, and the first non-zero exit code. Both write their messages (standard error, and the
     * second's standard output) to {@code log}.
     */
    static MeasuredProcess pipe(List<String> first, List<String> second, Path log)
            throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        long started = System.nanoTime();
        List<Process> processes = ProcessBuilder.startPipeline(List.of(new ProcessBuilder(first).redirectError(toLog),
                new ProcessBuilder(second).redirectError(toLog).redirectOutput(toLog)));
        List<String> command = new ArrayList<>(first);
        command.add("|");
        command.addAll(second);
        return measure(command, processes, started, log);
    }

    /**
     * This process and {@code next}, run one after the other, as one: their wall and CPU times added, the higher peak
     * RSS, the first non-zero exit code, and {@code next}'s log.
     */
    MeasuredProcess then(MeasuredProcess next) {
        List<String> both = new ArrayList<>(command);
        both.add("&&");
        both.addAll(next.command);
        return new MeasuredProcess(both, exitCode != 0 ? exitCode : next.exitCode, seconds + next.seconds,
                cpuSeconds + next.cpuSeconds, Math.max(peakRssKb, next.peakRssKb), next.log);
    }

    private static MeasuredProcess measure(List<String> command, List<Process> processes, long started, Path log)
            throws InterruptedException {
        long[] peaks = new long[processes.size()];
        Duration[] cpus = new Duration[processes.size()];
        Arrays.fill(cpus, Duration.ZERO);
        while (processes.stream().anyMatch(Process::isAlive)) {
            for (int i = 0; i < peaks.length; i++) {
                Process process = processes.get(i);
                if (process.isAlive()) {
                    peaks[i] = Math.max(peaks[i], highWaterMark(Path.of("/proc", Long.toString(process.pid()), "status")));
                    Duration sampled = process.info().totalCpuDuration().orElse(Duration.ZERO);
                    cpus[i] = sampled.compareTo(cpus[i]) > 0 ? sampled : cpus[i];
                }
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int exitCode = 0;
        for (Process process : processes) {
            int code = process.waitFor();
            exitCode = exitCode != 0 ? exitCode : code;
        }
        double cpuSeconds = Arrays.stream(cpus).mapToLong(Duration::toMillis).sum() / 1000.0;
        return new MeasuredProcess(command, exitCode, seconds, cpuSeconds, Arrays.stream(peaks).sum(), log);
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
