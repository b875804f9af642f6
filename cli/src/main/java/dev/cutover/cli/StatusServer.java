package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running {@code cutover run}'s HTTP endpoint on 127.0.0.1, found through {@code run.json}:
 * {@code GET /status} (the {@link RunStatus} as JSON), {@code POST /finalize} and {@code POST /stop}. Every request must
 * carry the token from run.json.
 */
final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    static final String TOKEN_HEADER = "X-Cutover-Token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the endpoints do; implemented by the run. */
    interface Handler {
        RunStatus status();

        Health health();

        /** The Prometheus text format. */
        String metrics();

        /** Runs finalize, printing its progress to {@code out}; returns the exit code. */
        int finalizeRun(FinalizeRequest request, PrintStream out);

        void stop();
    }

    /**
     * What {@code cutover finalize} asks for.
     *
     * @param headroom     ids sequences skip past the source's maximum
     * @param acceptErrors accept the error log's entries instead of printing NOT READY for them
     */
    record FinalizeRequest(long headroom, boolean acceptErrors) {
        /** {@code headroom=N&acceptErrors=true}, as the request's query carries it. */
        String query() {
            return "headroom=" + headroom + (acceptErrors ? "&acceptErrors=true" : "");
        }

        static FinalizeRequest parse(String query) {
            long headroom = 0;
            boolean acceptErrors = false;
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("headroom=")) {
                    headroom = Long.parseLong(pair.substring("headroom=".length()));
                } else if (pair.equals("acceptErrors=true")) {
                    acceptErrors = true;
                }
            }
            return new FinalizeRequest(headroom, acceptErrors);
        }
    }

    private final HttpServer server;
    private final String token = UUID.randomUUID().toString();
    private final WorkDir work;

    StatusServer(WorkDir work, Handler handler) {
        this.work = work;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the status port on 127.0.0.1", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "cutover-status");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/status", exchange -> respond(exchange, "GET", () -> json(handler.status())));
        server.createContext("/health", exchange -> health(exchange, handler));
        server.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            respond(exchange, "GET", handler::metrics);
        });
        server.createContext("/stop", exchange -> respond(exchange, "POST", () -> {
            handler.stop();
            return "stopping\n";
        }));
        server.createContext("/finalize", exchange -> finalizeRun(exchange, handler));
    }

    void start(String kafka, boolean embeddedPostgres) {
        server.start();
        new RunInfo(ProcessHandle.current().pid(), server.getAddress().getPort(), token,
                java.time.Instant.now().toString(), kafka, embeddedPostgres).write(work);
        LOG.info("status server on 127.0.0.1:{}", server.getAddress().getPort());
    }

    private interface Body {
        String get() throws IOException;
    }

    private void respond(HttpExchange exchange, String method, Body body) throws IOException {
        try (exchange) {
            if (!authorized(exchange, method)) {
                return;
            }
            byte[] bytes;
            int code = 200;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                LOG.warn("status request failed", e);
                code = 500;
                bytes = ("error: " + Failures.asCutoverException(e).getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * {@code GET /health}: 200 when healthy, 503 when degraded, as JSON. Open without the token, so that a load
     * balancer or a monitor can ask; it shows no secret.
     */
    private void health(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Health health = handler.health();
            byte[] bytes = json(health).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(health.healthy() ? 200 : 503, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (RuntimeException e) {
            LOG.warn("health request failed", e);
        }
    }

    /** Streams finalize's progress as text lines; the last line is {@code EXIT <code>}. */
    private void finalizeRun(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!authorized(exchange, "POST")) {
                return;
            }
            FinalizeRequest request = FinalizeRequest.parse(exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            PrintStream out = new PrintStream(body, true, StandardCharsets.UTF_8);
            int code;
            try {
                code = handler.finalizeRun(request, out);
            } catch (RuntimeException e) {
                out.println("cutover: " + Failures.asCutoverException(e).getMessage());
                code = Failures.asCutoverException(e).code().exitCode();
            }
            out.println("EXIT " + code);
            out.flush();
        }
    }

    private boolean authorized(HttpExchange exchange, String method) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            return false;
        }
        if (!token.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
            exchange.sendResponseHeaders(401, -1);
            return false;
        }
        return true;
    }

    private static String json(Object value) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }

    @Override
    public void close() {
        RunInfo.remove(work);
        server.stop(0);
    }
}
