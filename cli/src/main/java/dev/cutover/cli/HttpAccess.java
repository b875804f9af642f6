package dev.cutover.cli;

import com.sun.net.httpserver.HttpExchange;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who may use the running migration's HTTP endpoints: whoever shows the work directory's token, in the
 * {@code X-Cutover-Token} header, as {@code Authorization: Bearer}, or in the dashboard's cookie (set once the page
 * was given the token). The token is kept in {@code http-token} in the work directory (owner-only), so a restarted run
 * keeps it and an open dashboard stays signed in. A cookie alone does not authorize a POST from another origin.
 */
final class HttpAccess {
    static final String COOKIE = "cutover_token";
    private static final String FILE = "http-token";

    private final String token;
    private final boolean metricsOpen;

    private HttpAccess(String token, boolean metricsOpen) {
        this.token = token;
        this.metricsOpen = metricsOpen;
    }

    /** The work directory's token (created on first use). {@code metricsOpen}: /metrics without the token. */
    static HttpAccess of(WorkDir work, boolean metricsOpen) {
        Path file = work.root().resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(work.root());
                Files.createFile(file);
                restrict(file);
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            }
            return new HttpAccess(Files.readString(file, StandardCharsets.US_ASCII).trim(), metricsOpen);
        } catch (IOException e) {
            throw CutoverException.config("cannot keep the HTTP token in " + file + " (" + e.getMessage() + ")");
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort outside POSIX file systems
        }
    }

    String token() {
        return token;
    }

    boolean metricsOpen() {
        return metricsOpen;
    }

    /** True when {@code candidate} is the token (compared in constant time). */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the request shows the token; a cookie counts for a POST only from the page's own origin. */
    boolean allows(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(StatusServer.TOKEN_HEADER);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (matches(header) || (authorization != null && authorization.startsWith("Bearer ")
                && matches(authorization.substring("Bearer ".length()).trim()))) {
            return true;
        }
        return matches(cookie(exchange)) && (!"POST".equals(exchange.getRequestMethod()) || sameOrigin(exchange));
    }

    /** The {@code Set-Cookie} value that signs a browser in, for this server only and not readable by scripts. */
    String signInCookie() {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private static String cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(COOKIE + "=")) {
                    return trimmed.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin == null || (host != null && origin.equals("http://" + host));
    }
}
