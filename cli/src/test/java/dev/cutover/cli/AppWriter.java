package dev.cutover.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to its SQLite file during the migration: small transactions of inserts, updates (including
 * key changes) and deletes across three related tables, at a steady rate. Runs on its own thread until stopped.
 */
final class AppWriter implements AutoCloseable {
    static final String SCHEMA = """
            CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, vip BOOLEAN NOT NULL DEFAULT 0);
            CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
              status TEXT NOT NULL CHECK (status IN ('new','paid','shipped')), total NUMERIC(10,2) NOT NULL, note TEXT);
            CREATE TABLE line (purchase_id INTEGER NOT NULL REFERENCES purchase(id) ON DELETE CASCADE, no INTEGER NOT NULL,
              sku TEXT NOT NULL, qty INTEGER NOT NULL, price REAL NOT NULL, PRIMARY KEY (purchase_id, no));
            """;

    private final Path file;
    private final int operationsPerSecond;
    private final Random random = new Random(11);
    private final AtomicLong operations = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long nextCustomer;
    private long nextPurchase;

    private AppWriter(Path file, int operationsPerSecond) {
        this.file = file;
        this.operationsPerSecond = operationsPerSecond;
        this.thread = new Thread(this::run, "app-writer");
    }

    /** Creates the application's database with {@code customers} customers and some purchases. */
    static void createDatabase(Path file, int customers) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String ddl : SCHEMA.split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            s.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + customers + ") "
                    + "INSERT INTO customer (id, email, name, vip) SELECT x, 'c' || x || '@example.com', 'Customer ' || x, x % 7 = 0 FROM n");
            s.execute("INSERT INTO purchase (id, customer_id, status, total) SELECT id, id, 'paid', id * 1.25 FROM customer");
            s.execute("INSERT INTO line SELECT id, 1, 'SKU' || (id % 100), 1 + id % 3, 9.99 FROM purchase");
        }
    }

    static AppWriter start(Path file, int operationsPerSecond) throws SQLException {
        AppWriter writer = new AppWriter(file, operationsPerSecond);
        try (Connection c = writer.connect(); Statement s = c.createStatement()) {
            writer.nextCustomer = max(s, "customer") + 1;
            writer.nextPurchase = max(s, "purchase") + 1;
        }
        writer.thread.start();
        return writer;
    }

    private static long max(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA foreign_keys = ON");
        }
        return c;
    }

    private void run() {
        long intervalNanos = 1_000_000_000L / operationsPerSecond;
        long next = System.nanoTime();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            while (running) {
                operation(c);
                c.commit();
                operations.incrementAndGet();
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure = e;
        }
    }

    private void operation(Connection c) throws SQLException {
        int pick = random.nextInt(100);
        if (pick < 35) {
            long customer = nextCustomer++;
            exec(c, "INSERT INTO customer (id, email, name) VALUES (?, ?, ?)", customer, "new" + customer + "@example.com",
                    "New " + customer);
            long purchase = nextPurchase++;
            exec(c, "INSERT INTO purchase (id, customer_id, status, total) VALUES (?, ?, 'new', ?)", purchase, customer,
                    random.nextInt(10_000) / 100.0);
            for (int no = 1; no <= 1 + random.nextInt(3); no++) {
                exec(c, "INSERT INTO line VALUES (?, ?, ?, ?, ?)", purchase, no, "SKU" + random.nextInt(100),
                        1 + random.nextInt(5), random.nextInt(10_000) / 100.0);
            }
        } else if (pick < 65) {
            exec(c, "UPDATE purchase SET status = CASE status WHEN 'new' THEN 'paid' ELSE 'shipped' END, note = ? "
                    + "WHERE id = ?", "updated " + System.nanoTime(), 1 + random.nextInt((int) nextPurchase));
        } else if (pick < 80) {
            exec(c, "UPDATE customer SET name = ?, vip = NOT vip WHERE id = ?", "Renamed " + random.nextInt(),
                    1 + random.nextInt((int) nextCustomer));
        } else if (pick < 88) {
            exec(c, "UPDATE line SET no = no + 100 WHERE purchase_id = ? AND no = 1", 1 + random.nextInt((int) nextPurchase));
        } else if (pick < 96) {
            exec(c, "DELETE FROM purchase WHERE id = ?", 1 + random.nextInt((int) nextPurchase));
        } else {
            long id = 1 + random.nextInt((int) nextCustomer);
            exec(c, "INSERT OR REPLACE INTO customer (id, email, name, vip) VALUES (?, ?, 'Replaced', 1)", id,
                    "replaced" + id + "@example.com");
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    long operations() {
        return operations.get();
    }

    /** Stops writing; fails if the application's writes ever failed (capture must never break them). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
        if (failure != null) {
            throw new AssertionError("the application's writes failed", failure);
        }
    }
}
