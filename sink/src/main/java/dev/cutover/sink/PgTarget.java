package dev.cutover.sink;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL target: {@code postgresql://user:password@host:port/database?params} (also {@code postgres://} and
 * {@code jdbc:postgresql://host:port/database?user=..&password=..}). The password is kept apart from the URL and is
 * never part of {@link #toString()} or any message.
 */
public final class PgTarget {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private PgTarget(String host, int port, String database, String user, String password, Map<String, String> parameters) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = Map.copyOf(parameters);
    }

    public static PgTarget of(String host, int port, String database, String user, String password) {
        return new PgTarget(host, port, database, user, password, Map.of());
    }

    /** Parses a target URL; the error names the option and the expected form, with the password masked. */
    public static PgTarget parse(String url) {
        String text = url.trim();
        boolean jdbc = text.startsWith("jdbc:");
        if (jdbc) {
            text = text.substring("jdbc:".length());
        }
        if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
            throw invalid(url, "it does not start with postgresql://");
        }
        try {
            URI uri = new URI(text.replaceFirst("^postgres(ql)?://", "postgresql://"));
            if (uri.getHost() == null) {
                throw invalid(url, "it names no host");
            }
            Map<String, String> params = query(uri.getRawQuery());
            String[] credentials = credentials(uri.getRawUserInfo());
            String user = credentials[0] != null ? credentials[0] : params.remove("user");
            String password = credentials[1] != null ? credentials[1] : params.remove("password");
            params.remove("user");
            params.remove("password");
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            String database = path.isEmpty() ? (user != null ? user : "postgres") : decode(path);
            return new PgTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database,
                    user == null ? "postgres" : user, password, params);
        } catch (URISyntaxException e) {
            throw invalid(url, e.getReason());
        }
    }

    private static String[] credentials(String rawUserInfo) {
        if (rawUserInfo == null) {
            return new String[2];
        }
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            return new String[] {decode(rawUserInfo), null};
        }
        return new String[] {decode(rawUserInfo.substring(0, colon)), decode(rawUserInfo.substring(colon + 1))};
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static CutoverException invalid(String url, String why) {
        return CutoverException.usage("--target '" + mask(url) + "' is not a PostgreSQL URL (" + why
                + "); expected postgresql://user:password@host:port/database");
    }

    /** Replaces any password in a URL-ish text with ***. */
    public static String mask(String text) {
        return text.replaceAll("(://[^:/@\\s]*:)[^@\\s]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&\\s]*", "$1***");
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(database);
        String separator = "?";
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            url.append(separator).append(p.getKey()).append('=').append(p.getValue());
            separator = "&";
        }
        return url.toString();
    }

    public String user() {
        return user;
    }

    /** The password, for the connection pool only; null when none was given. */
    public String password() {
        return password;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** Opens one connection, turning every failure into a one-line message that says what to check. */
    public Connection connect() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "cutover");
        try {
            return DriverManager.getConnection(jdbcUrl(), props);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** Checks that the target answers; throws the same one-line errors as {@link #connect()}. */
    public void probe() {
        try (Connection ignored = connect()) {
            // reachable
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /**
     * A failure while working with the target: connection-class states (08, 28, 3D, 57P) mean the target cannot be
     * reached; anything else is an error in what was being done.
     */
    public CutoverException failure(String action, SQLException e) {
        String state = e.getSQLState() == null ? "08000" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D") || state.startsWith("57P")) {
            return unreachable(e);
        }
        return new CutoverException(ErrorCode.INTERNAL, mask(action + " on " + this + " failed: " + firstLine(e)
                + " (SQLSTATE " + state + ")"), e);
    }

    public CutoverException unreachable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "PostgreSQL at " + host + ":" + port;
        String message;
        if (state.startsWith("28")) {
            message = where + " refused user '" + user + "' (" + firstLine(e) + "); check the user and password in --target";
        } else if (state.equals("3D000")) {
            message = "database '" + database + "' does not exist on " + host + ":" + port
                    + "; create it (createdb " + database + ") or fix the database name in --target";
        } else {
            message = "cannot reach " + where + " (" + firstLine(e) + "); check that the server is running and that "
                    + "--target names the right host and port";
        }
        return new CutoverException(ErrorCode.TARGET_UNREACHABLE, mask(message), e);
    }

    private static String firstLine(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** The target as shown to people: credentials masked. */
    @Override
    public String toString() {
        return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
    }
}
