package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import java.net.InetSocketAddress;

/**
 * Where the running migration's HTTP server listens, and what it opens without the token.
 *
 * @param host        the address to bind; 127.0.0.1 by default
 * @param port        the port; 0 for the port the work directory's last run used when it is free, otherwise any
 * @param metricsOpen {@code GET /metrics} without the token (for scrapers)
 */
record HttpOptions(String host, int port, boolean metricsOpen) {
    static final HttpOptions DEFAULT = new HttpOptions("127.0.0.1", 0, false);

    /** {@code --listen HOST:PORT} (null: the default address) and {@code --metrics-open}. */
    static HttpOptions parse(String listen, boolean metricsOpen) {
        if (listen == null) {
            return new HttpOptions(DEFAULT.host(), DEFAULT.port(), metricsOpen);
        }
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "" : listen.substring(0, colon).replaceAll("^\\[|]$", "");
        int port = -1;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw CutoverException.usage("--listen '" + listen + "' is not HOST:PORT; use e.g. 127.0.0.1:8080, or "
                    + "0.0.0.0:8080 to open the dashboard and endpoints to other machines (they still need the token)");
        }
        return new HttpOptions(host, port, metricsOpen);
    }

    InetSocketAddress address(int port) {
        return new InetSocketAddress(host, port);
    }

    /** The host a local client connects to: the bound address, or 127.0.0.1 for a wildcard one. */
    String localHost() {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
}
