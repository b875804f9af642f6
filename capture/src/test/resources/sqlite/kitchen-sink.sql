-- Every treatment the SQLite planner knows, in one database. Statements end with ";" at the end of a line.
-- Used by the capture tests (planning) and the sink ITs (the planned migrations applied to PostgreSQL 17).

CREATE TABLE "Order Lines" (
  "order id" INTEGER NOT NULL,
  [Line No] INTEGER NOT NULL,
  `select` TEXT COLLATE NOCASE,
  "Mixed""Quote" TEXT DEFAULT 'it''s',
  qty SMALLINT NOT NULL DEFAULT (1) CHECK (qty > 0),
  price NUMERIC(10,2) NOT NULL DEFAULT 0.00,
  total REAL GENERATED ALWAYS AS (qty * price) STORED,
  label TEXT GENERATED ALWAYS AS (upper("select")) VIRTUAL,
  kind TEXT AS (typeof(price)) VIRTUAL,
  CONSTRAINT "PK Order Lines" PRIMARY KEY ("order id", [Line No]),
  CONSTRAINT price_not_negative CHECK (price >= 0),
  CHECK ("select" LIKE 'sku-%' OR "select" IS NULL),
  CHECK (typeof(qty) = 'integer'),
  FOREIGN KEY ("order id") REFERENCES orders
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_email TEXT NOT NULL COLLATE NOCASE UNIQUE,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped')),
  is_gift BOOLEAN NOT NULL DEFAULT 0,
  flags BOOLEAN DEFAULT TRUE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  created_local DATETIME DEFAULT (datetime('now','localtime')),
  created_text TEXT DEFAULT (datetime('now')),
  created_iso TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  created_day DATE DEFAULT (date('now')),
  created_day_text TEXT DEFAULT CURRENT_DATE,
  created_time TIME DEFAULT (time('now')),
  created_time_text TEXT DEFAULT CURRENT_TIME,
  created_epoch INTEGER DEFAULT (strftime('%s','now')),
  created_unix INTEGER DEFAULT (unixepoch()),
  created_ms INTEGER DEFAULT (cast((julianday('now') - 2440587.5) * 86400000 as integer)),
  weight REAL DEFAULT -1.5,
  discount FLOAT DEFAULT (0),
  code TEXT DEFAULT NULL,
  token BLOB DEFAULT X'00FF',
  payload JSON,
  ref UUID,
  note VARCHAR(20) DEFAULT 'none',
  odd DEFAULT (random()),
  CHECK (created_at <= CURRENT_TIMESTAMP),
  CHECK (json_valid(payload))
);
CREATE UNIQUE INDEX orders_status_partial ON orders (customer_email, status) WHERE status <> 'shipped';
CREATE INDEX orders_lower_email ON orders (lower(customer_email), created_at DESC);
CREATE INDEX "orders by weight" ON orders (weight + 1);

CREATE TABLE parent_pair (a TEXT NOT NULL, b INTEGER NOT NULL, name TEXT, PRIMARY KEY (a, b));
CREATE TABLE child_pair (
  id INTEGER PRIMARY KEY,
  pa TEXT,
  pb INTEGER,
  FOREIGN KEY (pa, pb) REFERENCES parent_pair ON DELETE CASCADE
);
CREATE TABLE log_entries (message TEXT, level INT);
CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE typed_strict (i INT, r REAL, t TEXT, b BLOB, a ANY) STRICT;
CREATE TABLE "a table name that is much longer than sixty-three bytes in PostgreSQL terms" (
  "a column name that is also much longer than sixty-three bytes in PostgreSQL terms" TEXT,
  "a column name that is also much longer than sixty-three bytes in PostgreSQL terms, twice" TEXT
);
CREATE TABLE widening (
  small SMALLINT,
  mixed INTEGER,
  words INTEGER,
  day DATE,
  doc JSON,
  short VARCHAR(3),
  flag BOOLEAN,
  money DECIMAL(5,2),
  ms DATETIME,
  secs DATETIME,
  jd DATETIME
);
INSERT INTO widening VALUES (1, 1, 1, '2024-01-01', '{"a":1}', 'abc', 0, 1.25, 1700000000000, 1700000000, 2460000.5);
INSERT INTO widening VALUES (9223372036854775807, 2.5, 'n/a', '2024-01-02 10:30:00', 'not json', 'abcd', 2, 12345.678, 1700000000123, 1700000001, 2460001.25);
INSERT INTO widening VALUES (-9223372036854775808, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE VIRTUAL TABLE docs USING fts5(title, body, tag UNINDEXED);
INSERT INTO docs VALUES ('Hello', 'full text', 'x');
CREATE VIRTUAL TABLE docs_contentless USING fts5(title, content='');
CREATE VIRTUAL TABLE docs_external USING fts5(customer_email, content='orders', content_rowid='id');
CREATE VIEW recent_orders AS SELECT * FROM orders WHERE created_at > datetime('now', '-7 days');
CREATE TABLE _prisma_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, migration_name TEXT NOT NULL);
CREATE TRIGGER orders_touch AFTER UPDATE ON orders BEGIN UPDATE orders SET created_at = created_at WHERE id = new.id; END;
INSERT INTO orders (id, customer_email, payload) VALUES (1, 'A@example.com', '{"x": 1}');
INSERT INTO "Order Lines" ("order id", [Line No], "select", qty, price) VALUES (1, 1, 'SKU-1', 2, 9.99);
ANALYZE;
