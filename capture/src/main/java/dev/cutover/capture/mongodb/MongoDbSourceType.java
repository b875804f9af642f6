package dev.cutover.capture.mongodb;

import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceType;

/**
 * MongoDB databases: {@code mongodb://user:password@host:port/DATABASE?replicaSet=rs0} and {@code mongodb+srv://...},
 * the connection string an application's {@code DATABASE_URL} holds, with the database in its path (or given apart).
 */
public final class MongoDbSourceType implements SourceType {
    static final String SCHEME = "mongodb";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String example() {
        return "mongodb://USER:PASSWORD@HOST:27017/DATABASE?replicaSet=rs0";
    }

    @Override
    public boolean accepts(String uri) {
        return uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://");
    }

    @Override
    public Source parse(String uri) {
        return new MongoDbSource(MongoEndpoint.parse(uri));
    }

    /** The database from the connection string's path, or {@code --database} when the path names none. */
    @Override
    public Source parse(String uri, String database) {
        return parse(MongoEndpoint.withDatabase(uri, database));
    }
}
