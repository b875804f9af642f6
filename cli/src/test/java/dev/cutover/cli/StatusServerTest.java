package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.CutoverException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the run's HTTP server, and where it listens; against a server whose run is a stub. */
class StatusServerTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    @Test
    void shouldRequireTheTokenEverywhereButHealth() throws Exception {
        try (StatusServer server = new StatusServer(new WorkDir(dir), HttpOptions.DEFAULT, new StubRun())) {
            server.start("kafka:9092", false);
            RunInfo info = RunInfo.active(new WorkDir(dir)).orElseThrow();
            for (String path : List.of("/status", "/metrics", "/errors", "/readiness", "/", "/assets/dashboard.js")) {
                assertThat(get(info, path, Optional.empty()).statusCode()).as(path).isEqualTo(401);
                assertThat(get(info, path, Optional.of("X-Cutover-Token: wrong")).statusCode()).as(path).isEqualTo(401);
                assertThat(get(info, path, Optional.of("X-Cutover-Token: " + info.token())).statusCode()).as(path)
                        .isEqualTo(200);
            }
            assertThat(get(info, "/status", Optional.of("Authorization: Bearer " + info.token())).statusCode())
                    .isEqualTo(200);
            assertThat(get(info, "/health", Optional.empty()).statusCode()).isEqualTo(200);
            assertThat(get(info, "/health", Optional.empty()).body()).doesNotContain(info.token());
            assertThat(get(info, "/nothing", Optional.of("X-Cutover-Token: " + info.token())).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void shouldSignInOnceAndKeepTheTokenInACookieThatNoOtherOriginCanPostWith() throws Exception {
        StubRun run = new StubRun();
        try (StatusServer server = new StatusServer(new WorkDir(dir), HttpOptions.DEFAULT, run)) {
            server.start("kafka:9092", false);
            RunInfo info = RunInfo.active(new WorkDir(dir)).orElseThrow();
            assertThat(signIn(info, "wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> signedIn = signIn(info, info.token());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            String pair = cookie.substring(0, cookie.indexOf(';'));
            assertThat(get(info, "/", Optional.of("Cookie: " + pair)).body()).contains("id=\"tables\"");
            assertThat(post(info, "/stop", "Cookie: " + pair, "Origin: http://evil.example").statusCode())
                    .isEqualTo(401);
            assertThat(run.stopped).isFalse();
            assertThat(post(info, "/stop", "Cookie: " + pair, "Origin: http://127.0.0.1:" + info.port()).statusCode())
                    .isEqualTo(200);
            assertThat(run.stopped).isTrue();
        }
    }

    @Test
    void shouldKeepTheTokenOwnerOnlyAndTheSameAcrossRuns() throws Exception {
        String first;
        try (StatusServer server = new StatusServer(new WorkDir(dir), HttpOptions.DEFAULT, new StubRun())) {
            server.start("kafka:9092", false);
            first = RunInfo.active(new WorkDir(dir)).orElseThrow().token();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("http-token")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (StatusServer server = new StatusServer(new WorkDir(dir), HttpOptions.DEFAULT, new StubRun())) {
            server.start("kafka:9092", false);
            assertThat(RunInfo.active(new WorkDir(dir)).orElseThrow().token()).isEqualTo(first);
        }
    }

    @Test
    void shouldOpenMetricsAndListenWhereAsked() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpOptions options = HttpOptions.parse("127.0.0.1:" + port, true);
        try (StatusServer server = new StatusServer(new WorkDir(dir), options, new StubRun())) {
            server.start("kafka:9092", false);
            RunInfo info = RunInfo.active(new WorkDir(dir)).orElseThrow();
            assertThat(info.port()).isEqualTo(port);
            assertThat(server.dashboardUrl()).isEqualTo("http://127.0.0.1:" + port + "/");
            assertThat(get(info, "/metrics", Optional.empty()).statusCode()).isEqualTo(200);
            assertThat(get(info, "/status", Optional.empty()).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void shouldRefuseAListenValueThatIsNotHostAndPort() {
        for (String bad : List.of("8080", "localhost", ":8080", "host:0", "host:70000", "host:http")) {
            assertThatThrownBy(() -> HttpOptions.parse(bad, false)).isInstanceOf(CutoverException.class)
                    .hasMessageContaining("--listen '" + bad + "'").hasMessageContaining("HOST:PORT");
        }
        assertThat(HttpOptions.parse("0.0.0.0:8080", false).localHost()).isEqualTo("127.0.0.1");
        assertThat(HttpOptions.parse("[::1]:8080", false).host()).isEqualTo("::1");
    }

    private HttpResponse<String> get(RunInfo info, String path, Optional<String> header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + path));
        header.ifPresent(h -> request.header(h.substring(0, h.indexOf(':')), h.substring(h.indexOf(':') + 2)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RunInfo info, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        for (String h : headers) {
            request.header(h.substring(0, h.indexOf(':')), h.substring(h.indexOf(':') + 2));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(RunInfo info, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A run that answers with fixed values. */
    private static final class StubRun implements StatusServer.Handler {
        volatile boolean stopped;

        @Override
        public RunStatus status() {
            return new RunStatus("streaming", "sqlite:app.db", "postgresql://u@h/db", "2026-12-07T00:00:00Z",
                    new RunStatus.LagStatus(0, 0, 0, 0, 0), List.of(), 0, 0, 0, null, null, 0, 0, List.of(), null,
                    false);
        }

        @Override
        public Health health() {
            return new Health(Health.HEALTHY, List.of(), "streaming", null, null, null, null, null);
        }

        @Override
        public String metrics() {
            return "# TYPE cutover_lag_events gauge\ncutover_lag_events 0.0\n";
        }

        @Override
        public List<ObjectNode> latestErrors() {
            return List.of();
        }

        @Override
        public Readiness readiness() {
            return Readiness.beforeFinalize(true);
        }

        @Override
        public int finalizeRun(StatusServer.FinalizeRequest request, PrintStream out) {
            return 0;
        }

        @Override
        public int startWayBack(PrintStream out) {
            return 0;
        }

        @Override
        public int rollback(PrintStream out) {
            return 0;
        }

        @Override
        public int removeWayBack(PrintStream out) {
            return 0;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }
}
