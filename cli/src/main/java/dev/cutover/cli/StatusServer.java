package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running {@code cutover run}'s HTTP server (127.0.0.1 unless {@code --listen} says otherwise), found through
 * {@code run.json}: the dashboard at {@code /}, {@code GET /status} (the {@link RunStatus} as JSON), {@code GET /health},
 * {@code GET /metrics}, {@code GET /errors}, {@code GET /readiness}, {@code POST /finalize}, {@code POST /stop}, and
 * the way back's {@code POST /reverse}, {@code POST /rollback} and {@code POST /way-back/remove}.
 * Every request but {@code /health} (and {@code /metrics} with {@code --metrics-open}) must show the token (see
 * {@link HttpAccess}); the token is never logged.
 */
final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    static final String TOKEN_HEADER = "X-Cutover-Token";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The port the last run listened on, in the work directory. */
    private static final String PORT_FILE = "http-port";

    /** What the endpoints do; implemented by the run. */
    interface Handler {
        RunStatus status();

        Health health();

        /** The Prometheus text format. */
        String metrics();

        /** The error log's latest entries of this migration, newest first. */
        List<com.fasterxml.jackson.databind.node.ObjectNode> latestErrors();

        /** Finalize's checklist as of now and of the last finalize. */
        Readiness readiness();

        /** Runs finalize, printing its progress to {@code out}; returns the exit code. */
        int finalizeRun(FinalizeRequest request, PrintStream out);

        /** Starts the way back (PostgreSQL to SQLite), printing to {@code out}; returns the exit code. */
        int startWayBack(PrintStream out);

        /** Waits for the way back to catch up, stops both directions, validates in reverse; returns the exit code. */
        int rollback(PrintStream out);

        /** Stops the way back and drops its slot and publication; returns the exit code. */
        int removeWayBack(PrintStream out);

        void stop();
    }

    /**
     * What {@code cutover finalize} asks for.
     *
     * @param headroom     ids sequences skip past the source's maximum
     * @param acceptErrors accept the error log's entries instead of printing NOT READY for them
     */
    record FinalizeRequest(long headroom, boolean acceptErrors, boolean wayBack) {
        /** {@code headroom=N&acceptErrors=true&wayBack=true}, as the request's query carries it. */
        String query() {
            return "headroom=" + headroom + (acceptErrors ? "&acceptErrors=true" : "") + (wayBack ? "&wayBack=true" : "");
        }

        static FinalizeRequest parse(String query) {
            long headroom = 0;
            boolean acceptErrors = false;
            boolean wayBack = false;
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("headroom=")) {
                    headroom = Long.parseLong(pair.substring("headroom=".length()));
                } else if (pair.equals("acceptErrors=true")) {
                    acceptErrors = true;
                } else if (pair.equals("wayBack=true")) {
                    wayBack = true;
                }
            }
            return new FinalizeRequest(headroom, acceptErrors, wayBack);
        }
    }

    private final HttpServer server;
    private final HttpAccess access;
    private final HttpOptions options;
    private final WorkDir work;

    StatusServer(WorkDir work, HttpOptions options, Handler handler) {
        this.work = work;
        this.options = options;
        this.access = HttpAccess.of(work, options.metricsOpen());
        server = bind(work, options);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "cutover-status");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/status", exchange -> respond(exchange, "GET", () -> json(handler.status())));
        server.createContext("/health", exchange -> health(exchange, handler));
        server.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            respond(exchange, "GET", access.metricsOpen(), handler::metrics);
        });
        server.createContext("/errors", exchange -> respond(exchange, "GET", () -> json(handler.latestErrors())));
        server.createContext("/readiness", exchange -> respond(exchange, "GET", () -> json(handler.readiness())));
        server.createContext("/stop", exchange -> respond(exchange, "POST", () -> {
            handler.stop();
            return "stopping\n";
        }));
        server.createContext("/finalize", exchange -> streamed(exchange, out -> handler.finalizeRun(
                FinalizeRequest.parse(exchange.getRequestURI().getQuery()), out)));
        server.createContext("/reverse", exchange -> streamed(exchange, handler::startWayBack));
        server.createContext("/rollback", exchange -> streamed(exchange, handler::rollback));
        server.createContext("/way-back/remove", exchange -> streamed(exchange, handler::removeWayBack));
        server.createContext("/", new Dashboard(access));
    }

    /**
     * Binds the configured address; without a port, the port the work directory's last run used when it is free (so
     * an open dashboard finds the run again after a restart), otherwise any free one.
     */
    private static HttpServer bind(WorkDir work, HttpOptions options) {
        int port = options.port() > 0 ? options.port() : lastPort(work);
        try {
            return HttpServer.create(options.address(port), 16);
        } catch (IOException e) {
            if (options.port() == 0 && port != 0) {
                try {
                    return HttpServer.create(options.address(0), 16);
                } catch (IOException again) {
                    e = again;
                }
            }
            throw CutoverException.usage("cannot listen on " + options.host() + ":" + port + " (" + e.getMessage()
                    + "); give --listen HOST:PORT with an address and a free port of this machine");
        }
    }

    private static int lastPort(WorkDir work) {
        try {
            return Integer.parseInt(Files.readString(work.root().resolve(PORT_FILE)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    void start(String kafka, boolean embeddedPostgres) {
        server.start();
        int port = server.getAddress().getPort();
        new RunInfo(ProcessHandle.current().pid(), port, access.token(), java.time.Instant.now().toString(), kafka,
                embeddedPostgres, options.localHost()).write(work);
        try {
            Files.writeString(work.root().resolve(PORT_FILE), Integer.toString(port));
        } catch (IOException e) {
            LOG.warn("cannot record the HTTP port in {}: {}", work.root().resolve(PORT_FILE), e.getMessage());
        }
        LOG.info("HTTP server on {}:{} (dashboard, /status, /health, /metrics)", options.host(), port);
    }

    /** Where the dashboard is, for the operator (the token is in run.json and http-token, never printed). */
    String dashboardUrl() {
        String host = options.localHost().contains(":") ? "[" + options.localHost() + "]" : options.localHost();
        return "http://" + host + ":" + server.getAddress().getPort() + "/";
    }

    private interface Body {
        String get() throws IOException;
    }

    private void respond(HttpExchange exchange, String method, Body body) throws IOException {
        respond(exchange, method, false, body);
    }

    private void respond(HttpExchange exchange, String method, boolean open, Body body) throws IOException {
        try (exchange) {
            if (!authorized(exchange, method, open)) {
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

    /** Streams a command's progress (finalize, the way back's) as text lines; the last line is {@code EXIT <code>}. */
    private void streamed(HttpExchange exchange, java.util.function.ToIntFunction<PrintStream> command)
            throws IOException {
        try (exchange) {
            if (!authorized(exchange, "POST", false)) {
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            PrintStream out = new PrintStream(body, true, StandardCharsets.UTF_8);
            int code;
            try {
                code = command.applyAsInt(out);
            } catch (RuntimeException e) {
                out.println("cutover: " + Failures.asCutoverException(e).getMessage());
                code = Failures.asCutoverException(e).code().exitCode();
            }
            out.println("EXIT " + code);
            out.flush();
        }
    }

    private boolean authorized(HttpExchange exchange, String method, boolean open) throws IOException {
        if (!method.equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(405, -1);
            return false;
        }
        if (!open && !access.allows(exchange)) {
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
