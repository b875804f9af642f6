package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cutover health}: the running migration's {@code GET /health}. Exit code 0 healthy, 1 degraded, 3 when no run
 * answers (none active in the work directory, or it does not respond), so a monitor can tell the three apart.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check the running migration: PostgreSQL (version, pool), Kafka (cluster, brokers), the source, "
                + "each stage and the lag. Exit code 0 healthy, 1 degraded, 3 unreachable.")
final class HealthCommand implements Callable<Integer> {
    static final int HEALTHY = 0;
    static final int DEGRADED = 1;
    static final int UNREACHABLE = 3;

    @Option(names = "--json", description = "Print the health as JSON (what GET /health answers).")
    boolean json;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() throws IOException {
        RunClient.Response response;
        try {
            response = RunClient.of(work.workDir(), "health").getAnyStatus("/health");
        } catch (CutoverException e) {
            System.err.println("cutover: " + e.getMessage());
            return UNREACHABLE;
        }
        if (response.code() != 200 && response.code() != 503) {
            System.err.println("cutover: the running cutover answered /health with HTTP " + response.code());
            return UNREACHABLE;
        }
        Health health = new ObjectMapper().readValue(response.body(), Health.class);
        if (json) {
            System.out.print(response.body());
        } else {
            print(health, System.out);
        }
        return health.healthy() ? HEALTHY : DEGRADED;
    }

    static void print(Health health, PrintStream out) {
        out.println(health.status().toUpperCase() + "  (phase " + health.phase() + ")");
        health.problems().forEach(problem -> out.println("  - " + problem));
        if (health.postgresql() != null) {
            out.printf("postgresql  %s%n", postgres(health.postgresql()));
            out.printf("kafka       %s%n", kafka(health.kafka()));
            out.printf("source      %s%n", source(health.source()));
            out.printf("stages      %s%n", health.stages().entrySet().stream()
                    .map(stage -> stage.getKey() + " " + stage.getValue().state()).collect(Collectors.joining(", ")));
            out.printf("lag         %,d events, %,d ms%n", health.lag().events(), health.lag().ms());
        }
    }

    private static String postgres(Health.PostgresHealth pg) {
        String pool = pg.pool() == null ? "" : String.format("  pool: %d active, %d idle, %d total, %d waiting",
                pg.pool().active(), pg.pool().idle(), pg.pool().total(), pg.pool().waiting());
        return (pg.reachable() ? "reachable, PostgreSQL " + pg.version() : "UNREACHABLE") + pool;
    }

    private static String kafka(Health.KafkaHealth kafka) {
        return kafka.reachable() ? String.format("reachable, cluster %s, %d broker%s", kafka.clusterId(),
                kafka.brokers(), kafka.brokers() == 1 ? "" : "s") : "UNREACHABLE";
    }

    private static String source(Health.SourceHealth source) {
        if (!source.reachable()) {
            return "UNREACHABLE  " + source.id();
        }
        Map<String, Object> details = source.details();
        return "reachable  " + source.id() + (details == null || details.isEmpty() ? "" : "  " + details.entrySet()
                .stream().map(d -> d.getKey() + " " + d.getValue()).collect(Collectors.joining(", ")));
    }
}
