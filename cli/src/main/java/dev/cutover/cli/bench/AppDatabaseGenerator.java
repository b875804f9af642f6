package dev.cutover.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Generates a reproducible SQLite application database: users, products, orders and order items (about 1.2 million
 * rows at scale 1) with text, integers, REALs, NUMERIC money, ISO dates, Prisma-style epoch-millisecond dates,
 * booleans, JSON text and some BLOBs, related by foreign keys. The same seed and scale give the same rows.
 */
public final class AppDatabaseGenerator {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String[] STATUSES = {"new", "paid", "shipped", "cancelled"};
    private static final long EPOCH_2020 = 1_577_836_800L;

    private final long seed;
    private final double scale;

    public AppDatabaseGenerator(long seed, double scale) {
        this.seed = seed;
        this.scale = scale;
    }

    public int users() {
        return (int) (50_000 * scale);
    }

    public int products() {
        return (int) (10_000 * scale);
    }

    public int orders() {
        return (int) (300_000 * scale);
    }

    /** Writes the database to {@code file} (replacing it) and returns the number of rows. */
    public long generate(Path file) throws Exception {
        Files.deleteIfExists(file);
        Random random = new Random(seed);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "
                        + "created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, is_active BOOLEAN NOT NULL DEFAULT 1, "
                        + "balance NUMERIC(12,2), profile JSON, avatar BLOB)");
                s.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, title TEXT NOT NULL, "
                        + "price REAL NOT NULL, stock INTEGER NOT NULL DEFAULT 0, attributes JSON, updated_at DATETIME)");
                s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), "
                        + "status TEXT NOT NULL CHECK (status IN ('new','paid','shipped','cancelled')), "
                        + "placed_at DATETIME NOT NULL, total NUMERIC(12,2) NOT NULL, note TEXT)");
                s.execute("CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders(id), line INTEGER NOT NULL, "
                        + "product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL CHECK (quantity > 0), "
                        + "unit_price REAL NOT NULL, PRIMARY KEY (order_id, line))");
                s.execute("CREATE INDEX orders_user_idx ON orders(user_id)");
                s.execute("CREATE INDEX order_items_product_idx ON order_items(product_id)");
            }
            c.setAutoCommit(false);
            long rows = users(c, random) + products(c, random);
            rows += orders(c, random);
            c.commit();
            return rows;
        }
    }

    private long users(Connection c, Random random) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= users(); id++) {
                ps.setInt(1, id);
                ps.setString(2, "user" + id + "@example.com");
                ps.setString(3, "User " + Long.toString(random.nextLong() & 0xffffffL, 36) + " " + id);
                ps.setString(4, ISO.format(Instant.ofEpochSecond(EPOCH_2020 + random.nextInt(150_000_000))));
                ps.setInt(5, random.nextInt(10) < 8 ? 1 : 0);
                ps.setDouble(6, Math.round(random.nextDouble() * 1_000_000) / 100.0);
                ps.setString(7, "{\"theme\":\"" + (random.nextBoolean() ? "dark" : "light") + "\",\"visits\":"
                        + random.nextInt(5000) + ",\"tags\":[\"t" + random.nextInt(50) + "\"]}");
                if (random.nextInt(10) == 0) {
                    byte[] avatar = new byte[1024 + random.nextInt(3072)];
                    random.nextBytes(avatar);
                    ps.setBytes(8, avatar);
                } else {
                    ps.setNull(8, java.sql.Types.BLOB);
                }
                ps.addBatch();
                flushEvery(ps, id);
            }
            ps.executeBatch();
        }
        return users();
    }

    private long products(Connection c, Random random) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= products(); id++) {
                ps.setInt(1, id);
                ps.setString(2, "SKU-" + id);
                ps.setString(3, "Product " + id + " " + Long.toString(random.nextLong() & 0xffffffffL, 36));
                ps.setDouble(4, 0.5 + random.nextInt(100_000) / 100.0);
                ps.setInt(5, random.nextInt(1000));
                ps.setString(6, "{\"color\":\"c" + random.nextInt(20) + "\",\"weight\":" + random.nextInt(10_000) / 10.0 + "}");
                ps.setLong(7, (EPOCH_2020 + random.nextInt(150_000_000)) * 1000L + random.nextInt(1000));
                ps.addBatch();
                flushEvery(ps, id);
            }
            ps.executeBatch();
        }
        return products();
    }

    private long orders(Connection c, Random random) throws SQLException {
        long items = 0;
        try (PreparedStatement order = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement item = c.prepareStatement("INSERT INTO order_items VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= orders(); id++) {
                int lines = 1 + random.nextInt(4) + (random.nextInt(5) == 0 ? 1 : 0);
                double total = 0;
                for (int line = 1; line <= lines; line++) {
                    int quantity = 1 + random.nextInt(5);
                    double price = 0.5 + random.nextInt(100_000) / 100.0;
                    total += quantity * price;
                    item.setInt(1, id);
                    item.setInt(2, line);
                    item.setInt(3, 1 + random.nextInt(products()));
                    item.setInt(4, quantity);
                    item.setDouble(5, price);
                    item.addBatch();
                    items++;
                }
                order.setInt(1, id);
                order.setInt(2, 1 + random.nextInt(users()));
                order.setString(3, STATUSES[random.nextInt(STATUSES.length)]);
                order.setString(4, ISO.format(Instant.ofEpochSecond(EPOCH_2020 + random.nextInt(150_000_000))));
                order.setDouble(5, Math.round(total * 100) / 100.0);
                order.setString(6, random.nextInt(4) == 0 ? "deliver to door " + random.nextInt(100) : null);
                order.addBatch();
                if (id % 5000 == 0) {
                    order.executeBatch();
                    item.executeBatch();
                }
            }
            order.executeBatch();
            item.executeBatch();
        }
        return orders() + items;
    }

    private static void flushEvery(PreparedStatement ps, int n) throws SQLException {
        if (n % 5000 == 0) {
            ps.executeBatch();
        }
    }
}
