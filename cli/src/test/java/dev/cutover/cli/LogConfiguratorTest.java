package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    @Test
    void shouldWriteOneJsonObjectALineWithTheStageWhenAsked() throws Exception {
        Path file = dir.resolve("cutover.log");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogConfigurator.apply(context, file.toString(), true);
            context.getLogger("dev.cutover.sink.SinkWorker").info("sink started");
            context.getMDCAdapter().put("table", "customer");
            context.getLogger("dev.cutover.transform.TransformWorker").warn("cannot reach postgresql://app:s3cret@db/app",
                    new IllegalStateException("line one\nline two"));
            context.getMDCAdapter().remove("table");
            context.getLogger("com.zaxxer.hikari.HikariDataSource").info("pool started");
        } finally {
            context.stop();
            System.setErr(err);
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("stage").asText()).isEqualTo("sink");
        assertThat(lines.get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).get("message").asText()).isEqualTo("sink started");
        assertThat(Instant.parse(lines.get(0).get("time").asText())).isNotNull();
        JsonNode warning = lines.get(1);
        assertThat(warning.get("stage").asText()).isEqualTo("transform");
        assertThat(warning.get("table").asText()).isEqualTo("customer");
        assertThat(warning.get("message").asText()).isEqualTo("cannot reach postgresql://app:***@db/app");
        assertThat(warning.get("error").asText()).isEqualTo("java.lang.IllegalStateException: line one\nline two");
        assertThat(warning.get("stack").asText()).contains("LogConfiguratorTest");
        assertThat(lines.get(2).has("stage")).as("another library's line").isFalse();
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("s3cret");
        assertThat(json.readTree(captured.toString(StandardCharsets.UTF_8)).get("level").asText()).isEqualTo("WARN");
    }
}
