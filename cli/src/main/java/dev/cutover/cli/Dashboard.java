package dev.cutover.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The dashboard: a static page (HTML, its script and style, and the vendored uPlot charting library, all resources of
 * this jar) that polls {@code /status}, {@code /readiness} and {@code /errors}. Without the token it answers 401 with a
 * sign-in form; the form posts the token once, and a cookie keeps the browser signed in (see {@link HttpAccess}).
 */
final class Dashboard implements HttpHandler {
    private static final String RESOURCES = "/dev/cutover/cli/dashboard/";
    /** The files the page may load, and their types; nothing else is served. */
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot-LICENSE.txt", "text/plain; charset=utf-8");

    private final HttpAccess access;

    Dashboard(HttpAccess access) {
        this.access = access;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") && "POST".equals(exchange.getRequestMethod())) {
                signIn(exchange);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
            } else if (path.equals("/")) {
                boolean allowed = access.allows(exchange);
                send(exchange, allowed ? 200 : 401, allowed ? "index.html" : "signin.html", "text/html; charset=utf-8");
            } else if (path.startsWith("/assets/") && ASSETS.containsKey(path.substring("/assets/".length()))) {
                String name = path.substring("/assets/".length());
                if (access.allows(exchange)) {
                    send(exchange, 200, name, ASSETS.get(name));
                } else {
                    exchange.sendResponseHeaders(401, -1);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    /** The sign-in form's POST: the right token sets the cookie and goes to the page; a wrong one shows the form again. */
    private void signIn(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readNBytes(4096), StandardCharsets.UTF_8);
        String token = null;
        for (String pair : form.split("&")) {
            if (pair.startsWith("token=")) {
                token = URLDecoder.decode(pair.substring("token=".length()), StandardCharsets.UTF_8).trim();
            }
        }
        if (!access.matches(token)) {
            send(exchange, 401, "signin.html", "text/html; charset=utf-8");
            return;
        }
        exchange.getResponseHeaders().add("Set-Cookie", access.signInCookie());
        exchange.getResponseHeaders().set("Location", "/");
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int code, String name, String type) throws IOException {
        byte[] bytes;
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
