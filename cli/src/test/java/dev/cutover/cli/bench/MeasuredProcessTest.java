package dev.cutover.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasuredProcessTest {
    @TempDir
    Path dir;

    @Test
    void shouldPipeTheFirstCommandIntoTheSecondAndKeepBothMessagesInTheLog() throws Exception {
        Path log = dir.resolve("pipe.log");

        MeasuredProcess measured = MeasuredProcess.pipe(
                List.of("sh", "-c", "echo 'to the log' >&2; head -c 1000000 /dev/zero"),
                List.of("sh", "-c", "wc -c; echo 'second to the log' >&2"), log);

        assertThat(measured.exitCode()).isZero();
        assertThat(measured.seconds()).isPositive();
        assertThat(measured.command()).containsSubsequence("sh", "|", "sh");
        assertThat(Files.readAllLines(log)).extracting(String::strip)
                .containsExactlyInAnyOrder("to the log", "1000000", "second to the log");
    }

    @Test
    void shouldReportTheFirstFailingExitCodeOfThePipe() throws Exception {
        MeasuredProcess measured = MeasuredProcess.pipe(List.of("sh", "-c", "exit 3"), List.of("cat"),
                dir.resolve("fail.log"));

        assertThat(measured.exitCode()).isEqualTo(3);
    }

    @Test
    void shouldAddTheTimesOfTwoRunsInTurnAndKeepTheHigherPeakAndTheFirstFailure() {
        MeasuredProcess plan = new MeasuredProcess(List.of("plan"), 2, 1.5, 1.0, 500, dir.resolve("plan.log"));
        MeasuredProcess run = new MeasuredProcess(List.of("run"), 0, 10.0, 7.0, 900, dir.resolve("run.log"));

        MeasuredProcess both = plan.then(run);

        assertThat(both.seconds()).isEqualTo(11.5);
        assertThat(both.cpuSeconds()).isEqualTo(8.0);
        assertThat(both.peakRssKb()).isEqualTo(900);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.command()).containsExactly("plan", "&&", "run");
        assertThat(both.log()).isEqualTo(dir.resolve("run.log"));
    }
}
