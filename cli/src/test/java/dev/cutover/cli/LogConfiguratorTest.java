package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The command's logging: everything into the work directory's log file, Cutover's own warnings also on stderr. */
class LogConfiguratorTest {
    @TempDir
    Path dir;

    @Test
    void shouldLogInfoToTheFileAndOnlyCutoversWarningsToStderr() throws Exception {
        Path file = dir.resolve("cutover.log");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what slf4j's logback provider gives its context
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogConfigurator.apply(context, file.toString());
            Logger cutover = context.getLogger("dev.cutover.sink.SinkWorker");
            Logger kafka = context.getLogger("org.apache.kafka.clients.NetworkClient");
            Logger other = context.getLogger("com.zaxxer.hikari.HikariDataSource");
            cutover.info("sink started");
            cutover.warn("PostgreSQL unavailable, retrying");
            kafka.info("kafka chatter");
            kafka.warn("kafka warning");
            other.info("pool started");
            assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger("kafka").getLevel()).isEqualTo(Level.WARN);
        } finally {
            context.stop();
            System.setErr(err);
        }

        String logged = Files.readString(file);
        assertThat(logged).contains("INFO  [").contains("dev.cutover.sink.SinkWorker - sink started")
                .contains("WARN ").contains("PostgreSQL unavailable, retrying")
                .contains("kafka warning").contains("pool started").doesNotContain("kafka chatter");
        assertThat(logged.lines().filter(line -> line.contains("sink started")).count()).as("once: not additive")
                .isEqualTo(1);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .isEqualTo("cutover: WARN: PostgreSQL unavailable, retrying" + System.lineSeparator());
    }
}
