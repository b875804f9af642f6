package dev.cutover.capture.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Sources;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MongoDB connection string parsed once: the servers, the database, the user and (kept apart, never printed) the
 * password. {@link #id()} and {@link #toString()} hold neither password nor options. Immutable; thread-safe.
 */
final class MongoEndpoint {
    private static final Pattern USER_INFO = Pattern.compile("^(mongodb(?:\\+srv)?://)([^@/]*)@");
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final ConnectionString parsed;
    private final String withoutPassword;
    private final String password;
    private final String database;

    private MongoEndpoint(ConnectionString parsed, String withoutPassword, String password, String database) {
        this.parsed = parsed;
        this.withoutPassword = withoutPassword;
        this.password = password;
        this.database = database;
    }

    /**
     * Parses {@code --source}.
     *
     * @throws CutoverException BAD_USAGE naming the URI (masked), what is wrong and how to write it
     */
    static MongoEndpoint parse(String uri) {
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw CutoverException.usage("--source '" + mask(uri) + "' is not a MongoDB connection string ("
                    + mask(e.getMessage()) + "); e.g. --source 'mongodb://user:password@host:27017/app?replicaSet=rs0'");
        }
        if (parsed.getDatabase() == null || parsed.getDatabase().isEmpty()) {
            throw CutoverException.usage("--source '" + mask(uri) + "' names no database: put it in the connection "
                    + "string's path, e.g. mongodb://host:27017/app?replicaSet=rs0 for the database app, or give "
                    + "--database app");
        }
        char[] secret = parsed.getPassword();
        String password = secret == null ? null : new String(secret);
        return new MongoEndpoint(parsed, stripPassword(uri), password, parsed.getDatabase());
    }

    /**
     * The connection string with {@code database} in its path ({@code mongodb://host/?opts} → {@code
     * mongodb://host/DATABASE?opts}); as it is when {@code database} is null or already there.
     *
     * @throws CutoverException BAD_USAGE when the path names another database
     */
    static String withDatabase(String uri, String database) {
        if (database == null) {
            return uri;
        }
        int query = uri.indexOf('?') < 0 ? uri.length() : uri.indexOf('?');
        int hosts = Math.max(uri.indexOf("://") + 3, uri.lastIndexOf('@', query) + 1);
        int slash = uri.indexOf('/', hosts);
        int path = slash < 0 || slash > query ? query : slash;
        String named = path < query ? uri.substring(path + 1, query) : "";
        if (named.equals(database)) {
            return uri;
        }
        if (!named.isEmpty()) {
            throw CutoverException.usage("--database " + database + " and the database " + named + " in --source '"
                    + mask(uri) + "' differ; give the database once");
        }
        return uri.substring(0, path) + "/" + database + uri.substring(path < query ? path + 1 : path);
    }

    /** An endpoint from its connector properties: the connection string without password, and the password apart. */
    static MongoEndpoint of(String withoutPassword, String password, String database) {
        String uri = withoutPassword;
        if (password != null) {
            Matcher m = USER_INFO.matcher(withoutPassword);
            if (!m.find()) {
                throw CutoverException.config("the MongoDB connector was given a password but its connection string "
                        + "names no user");
            }
            uri = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + m.group(2) + ":"
                    + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20") + "@"));
        }
        MongoEndpoint endpoint = parse(uri);
        return new MongoEndpoint(endpoint.parsed, withoutPassword, password, database);
    }

    private static String stripPassword(String uri) {
        Matcher m = USER_INFO.matcher(uri);
        if (!m.find()) {
            return uri;
        }
        String user = m.group(2);
        int colon = user.indexOf(':');
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + (colon < 0 ? user : user.substring(0, colon)) + "@"));
    }

    /** The URI with its password and any secret-bearing option replaced by {@code ***}, for messages. */
    static String mask(String text) {
        if (text == null) {
            return "";
        }
        return Sources.mask(text).replaceAll("(?i)((?:password|token|secret)[A-Za-z]*[=:])[^&,\\s]*", "$1***");
    }

    /** {@code mongodb://host1:27017,host2/db} (or {@code mongodb+srv://host/db}): no user, password or options. */
    String id() {
        String scheme = parsed.isSrvProtocol() ? "mongodb+srv://" : "mongodb://";
        return scheme + String.join(",", parsed.getHosts()) + "/" + database;
    }

    String database() {
        return database;
    }

    List<String> hosts() {
        return parsed.getHosts();
    }

    /** The user the connection string names, or null. */
    String user() {
        return parsed.getUsername();
    }

    /** The connection string without its password (safe for connector properties other than the password one). */
    String withoutPassword() {
        return withoutPassword;
    }

    /** The password, or null; only for the connector's password property. */
    String password() {
        return password;
    }

    /**
     * A new client; the caller closes it.
     *
     * @param serverSelectionTimeoutMs how long an operation waits for a usable server before it fails
     */
    MongoClient client(long serverSelectionTimeoutMs) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(parsed)
                .applicationName("cutover")
                .applyToClusterSettings(b -> b.serverSelectionTimeout(serverSelectionTimeoutMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) Math.min(CONNECT_TIMEOUT_MS, serverSelectionTimeoutMs),
                        TimeUnit.MILLISECONDS))
                .build();
        return MongoClients.create(settings);
    }

    @Override
    public String toString() {
        return id();
    }
}
