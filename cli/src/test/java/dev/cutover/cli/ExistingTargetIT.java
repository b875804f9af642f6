package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sink.PgTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing-target mode: the application's own migrations (here, what Prisma Migrate creates) made the tables;
 * Cutover maps into them by name, converts to their types, and refuses to move data a column cannot hold.
 */
@ExtendWith(PipelineServices.class)
class ExistingTargetIT {
    @TempDir
    Path dir;

    /** A Prisma app's SQLite file: DateTime as epoch milliseconds, Boolean as 0/1, text ids. */
    private Path prismaSqlite(boolean extraColumn) throws SQLException {
        Path file = dir.resolve("dev.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"User\" (\"id\" TEXT NOT NULL PRIMARY KEY, \"email\" TEXT NOT NULL, "
                    + "\"createdAt\" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, \"isAdmin\" BOOLEAN NOT NULL DEFAULT false"
                    + (extraColumn ? ", \"nickname\" TEXT" : "") + ")");
            s.execute("CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\")");
            s.execute("CREATE TABLE \"Post\" (\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \"title\" TEXT NOT NULL, "
                    + "\"authorId\" TEXT NOT NULL, \"publishedAt\" DATETIME, CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY "
                    + "(\"authorId\") REFERENCES \"User\" (\"id\") ON DELETE RESTRICT ON UPDATE CASCADE)");
            s.execute("CREATE TABLE \"_prisma_migrations\" (\"id\" TEXT PRIMARY KEY NOT NULL, \"checksum\" TEXT NOT NULL)");
            s.execute("INSERT INTO \"_prisma_migrations\" VALUES ('m1', 'abc')");
            // Posts first: order across tables is not kept, so the target's foreign key must wait for the load.
            s.execute("INSERT INTO \"Post\" (\"title\", \"authorId\", \"publishedAt\") VALUES "
                    + "('Hello', 'u2', 1700000000123), ('Draft', 'u1', NULL)");
            s.execute("INSERT INTO \"User\" (\"id\", \"email\", \"createdAt\", \"isAdmin\") VALUES "
                    + "('u1', 'ada@example.com', 1699999999999, 1), ('u2', 'bob@example.com', 1700000000000, 0)");
        }
        return file;
    }

    /** What `prisma migrate deploy` makes on PostgreSQL for the same schema. */
    private static PgTarget prismaPostgres(PipelineServices.Services services) throws SQLException {
        PgTarget target = services.newDatabase();
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"User\" (\"id\" TEXT NOT NULL, \"email\" TEXT NOT NULL, \"createdAt\" TIMESTAMP(3) "
                    + "NOT NULL DEFAULT CURRENT_TIMESTAMP, \"isAdmin\" BOOLEAN NOT NULL DEFAULT false, "
                    + "CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"))");
            s.execute("CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\")");
            s.execute("CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"title\" TEXT NOT NULL, \"authorId\" TEXT NOT NULL, "
                    + "\"publishedAt\" TIMESTAMP(3), CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"))");
            s.execute("ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES "
                    + "\"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE");
            s.execute("CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY, \"checksum\" VARCHAR(64) NOT NULL)");
        }
        return target;
    }

    private CommandOutput run(Path source, PgTarget target, PipelineServices.Services services) {
        return CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target", target.toString(),
                "--kafka", services.kafka(), "--work", dir.resolve("work").toString());
    }

    @Test
    void shouldLoadIntoTheApplicationsOwnTablesWithTheirTypes(PipelineServices.Services services) throws Exception {
        Path source = prismaSqlite(false);
        PgTarget target = prismaPostgres(services);

        CommandOutput result = run(source, target, services);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("into the target's existing tables").contains("foreign keys restored")
                .contains("all 1 checks and foreign keys validated");
        try (Connection c = target.connect()) {
            assertThat(query(c, "SELECT string_agg(\"id\" || '|' || \"createdAt\"::text || '|' || \"isAdmin\", ', ' "
                    + "ORDER BY \"id\") FROM \"User\""))
                    .isEqualTo("u1|2023-11-14 22:13:19.999|true, u2|2023-11-14 22:13:20|false");
            assertThat(query(c, "SELECT \"publishedAt\"::text FROM \"Post\" WHERE \"title\" = 'Hello'"))
                    .isEqualTo("2023-11-14 22:13:20.123");
            assertThat(query(c, "SELECT convalidated::text FROM pg_constraint WHERE conname = 'Post_authorId_fkey'"))
                    .isEqualTo("true");
            assertThat(query(c, "SELECT count(*) FROM \"_prisma_migrations\"")).as("migration history is not copied")
                    .isEqualTo("0");
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO \"Post\" (\"title\", \"authorId\") VALUES ('after the switch', 'u1')");
            }
            assertThat(query(c, "SELECT max(\"id\") FROM \"Post\"")).as("serial moved past the source's ids").isEqualTo("3");
        }
    }

    @Test
    void shouldRefuseToMoveDataWhenASourceColumnHasNoHome(PipelineServices.Services services) throws Exception {
        Path source = prismaSqlite(true);
        PgTarget target = prismaPostgres(services);

        CommandOutput result = run(source, target, services);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("User.nickname").contains("would be lost");
        try (Connection c = target.connect()) {
            assertThat(query(c, "SELECT count(*) FROM \"User\"")).isEqualTo("0");
            assertThat(query(c, "SELECT count(*) FROM pg_constraint WHERE conname = 'Post_authorId_fkey'"))
                    .as("the target's foreign key is untouched").isEqualTo("1");
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
