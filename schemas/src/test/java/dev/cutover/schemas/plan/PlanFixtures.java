package dev.cutover.schemas.plan;

import java.util.List;

/** Small hand-made plans for the schemas tests. */
public final class PlanFixtures {
    private PlanFixtures() {
    }

    public static ColumnPlan column(String name, String type, boolean notNull) {
        return new ColumnPlan(name, name, type, type, notNull, null, null, false, null, null, null);
    }

    public static ColumnPlan column(String name, String type, boolean notNull, String defaultSql) {
        return new ColumnPlan(name, name, type, type, notNull, defaultSql, null, false, null, null, null);
    }

    /** Identity key, defaults, a generated column, a quote in a name, indexes, checks and foreign keys. */
    public static Plan shop() {
        TablePlan users = new TablePlan("User", "User",
                new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("id"), "User_pkey"),
                List.of(new ColumnPlan("id", "id", "INTEGER", "bigint", true, null, null, true, null, null, null),
                        column("email", "text", true),
                        column("created", "timestamp", true, "date_trunc('second', now() AT TIME ZONE 'UTC')"),
                        new ColumnPlan("say \"hi\"", "say \"hi\"", "TEXT", "varchar(20)", false, "'hello'", null, false,
                                null, null, null)),
                List.of(new IndexPlan("User_email_key", true, List.of("lower(\"email\")"), null, "UNIQUE (email)"),
                        new IndexPlan("User recent", false, List.of("\"created\" DESC"), "\"created\" > '2020-01-01'",
                                "CREATE INDEX ...")),
                List.of(new CheckPlan("User_email_check", "\"email\" ILIKE '%@%'", "email LIKE '%@%'")),
                List.of(), 2, List.of());
        TablePlan orders = new TablePlan("Order Lines", "Order Lines",
                new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("order", "line"), List.of("order", "line")),
                List.of(column("order", "bigint", true), column("line", "integer", true),
                        column("userId", "bigint", false), column("qty", "smallint", true, "1"),
                        column("price", "numeric(10,2)", true, "0"),
                        new ColumnPlan("total", "total", "REAL", "double precision", false, null, "\"qty\" * \"price\"",
                                false, null, null, null)),
                List.of(), List.of(new CheckPlan("Order Lines_qty_check", "\"qty\" > 0", "qty > 0")),
                List.of(new ForeignKeyPlan("Order Lines_userId_fkey", List.of("userId"), "User", List.of("id"), "CASCADE",
                        "NO ACTION")),
                0, List.of());
        TablePlan log = new TablePlan("log", "log",
                new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"), List.of(KeyPlan.ROWID_COLUMN), "log__cutover_rowid_key"),
                List.of(column("message", "text", false)),
                List.of(new IndexPlan("log_fts_idx", false, List.of("to_tsvector('simple', coalesce(\"message\", ''))"),
                        null, "CREATE VIRTUAL TABLE ...", "gin")),
                List.of(), List.of(), 0, List.of());
        return new Plan(Plan.FORMAT_VERSION, "sqlite:/srv/shop.db", SchemaMode.GENERATE, "app", List.of(users, orders, log),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** One table with nothing but columns and a key whose name is left to the writer. */
    public static Plan bare() {
        TablePlan notes = new TablePlan("notes", "notes",
                new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"), List.of(KeyPlan.ROWID_COLUMN)),
                List.of(column("body", "text", false)), List.of(), List.of(), List.of(), 0, List.of());
        return new Plan(Plan.FORMAT_VERSION, "sqlite:/srv/notes.db", SchemaMode.GENERATE, "public", List.of(notes),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A document source's plan: a main table with an enum column and an extra column, and a junction. */
    public static Plan documents() {
        KeyPlan id = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"));
        ArrayFeed accounts = new ArrayFeed("accounts", ArrayFeed.Kind.JUNCTION, "customers_accounts",
                List.of("customers_id"), "accounts_account_id");
        TablePlan customers = new TablePlan("customers", "customers", id,
                List.of(column("_id", "uuid", true), column("tier", "\"public\".\"tier\"", false),
                        column("_extra", "jsonb", false)),
                List.of(), List.of(), List.of(), 500, List.of(),
                DocumentPlan.main("customers", DocumentPlan.EXTRA_COLUMN, List.of(accounts)));
        TablePlan junction = new TablePlan("customers.accounts[]", "customers_accounts",
                new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT),
                        List.of("customers_id", "accounts_account_id")),
                List.of(new ColumnPlan(DocumentPlan.OWNER, "customers_id", "", "uuid", true, null, null, false, null,
                        null, null),
                        new ColumnPlan(DocumentPlan.ELEMENT, "accounts_account_id", "", "bigint", true, null, null, false,
                                null, null, null)),
                List.of(), List.of(), List.of(), 1500, List.of(), DocumentPlan.owned("customers", "accounts", null));
        Declarations declared = new Declarations(
                List.of(new Declarations.Reference("customers", "accounts", "accounts", "account_id")),
                null, null, List.of(new Declarations.EnumValues("customers", "tier", "tier", List.of("Bronze", "Gold"))),
                List.of(new Declarations.Search("customers", List.of("name"), "simple")), null);
        return new Plan(Plan.FORMAT_VERSION, "jsondir:/data/analytics", SchemaMode.GENERATE, "public",
                List.of(customers, junction), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new EnumPlan("tier", List.of("Bronze", "Gold"), "declared")), declared);
    }
}
