package dev.cutover.capture.document.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.PlanOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Prisma schema as the mapping: types, defaults, indexes, relations, and what the documents do against it. */
class PrismaPlanningTest {
    private static final String HEADER = "datasource db {\n  provider = \"mongodb\"\n  url = env(\"DATABASE_URL\")\n}\n";
    private static final String USER = "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, ";

    @TempDir
    Path dir;

    private Plan plan(String schema, MemoryCollections collections, Declarations declarations) throws IOException {
        Path file = dir.resolve("schema.prisma");
        Files.writeString(file, HEADER + schema);
        return DocumentPlanner.plan("test:prisma", collections, new PlanOptions(null, Set.of(), declarations, file));
    }

    private Plan plan(String schema, MemoryCollections collections) throws IOException {
        return plan(schema, collections, Declarations.NONE);
    }

    @Test
    void shouldTypeEveryPrismaTypeAndTranslateTheDefaultsPostgresqlHas() throws IOException {
        Plan plan = plan("""
                type Address {
                  city String
                }
                enum Role {
                  ADMIN
                  USER
                }
                model Thing {
                  id        String   @id @default(auto()) @map("_id") @db.ObjectId
                  count     Int      @default(0)
                  big       BigInt?
                  ratio     Float?   @default(1.5)
                  price     Decimal?
                  active    Boolean  @default(true)
                  blob      Bytes?
                  data      Json?
                  at        DateTime @default(now()) @db.Date
                  changed   DateTime? @updatedAt
                  tags      String[] @default([])
                  roles     Role[]   @default([ADMIN])
                  role      Role     @default(USER)
                  address   Address?
                  addresses Address[]
                  code      String   @default(uuid())
                  label     String?  @default("it's")
                  @@map("things")
                }
                """, new MemoryCollections().add("things", "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}"));

        assertThat(Planned.table(plan, "things").columns()).extracting(c -> c.target() + " " + c.targetType()
                + (c.notNull() ? " NOT NULL" : "") + (c.defaultSql() == null ? "" : " DEFAULT " + c.defaultSql()))
                .containsExactly("_id uuid NOT NULL", "count integer NOT NULL DEFAULT 0", "big bigint",
                        "ratio double precision DEFAULT 1.5", "price numeric", "active boolean NOT NULL DEFAULT true",
                        "blob bytea", "data jsonb", "at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP",
                        "changed timestamp(3)", "tags text[] DEFAULT '{}'",
                        "roles \"public\".\"Role\"[] DEFAULT ARRAY['ADMIN']::\"public\".\"Role\"[]",
                        "role \"public\".\"Role\" NOT NULL DEFAULT 'USER'", "address jsonb", "addresses jsonb",
                        "code text NOT NULL", "label text DEFAULT 'it''s'", "_extra jsonb");
        assertThat(Planned.column(plan, "things", "code").note()).contains("@default(uuid()) makes its values in the "
                + "application");
        assertThat(Planned.column(plan, "things", "changed").note()).contains("@updatedAt is set by Prisma");
        assertThat(Planned.column(plan, "things", "at").declaredType()).isEqualTo("DateTime @db.Date");
        assertThat(Planned.table(plan, "things").document().aliases()).containsEntry("$table", "Thing")
                .containsEntry("_id", "id");
    }

    @Test
    void shouldCountDocumentsThatContradictTheSchemaPerFieldWithAnExampleKey() throws IOException {
        Plan plan = plan("""
                enum Role {
                  ADMIN
                  USER
                }
                model users {
                  id    String @id @map("_id") @db.ObjectId
                  name  String
                  age   Int?
                  role  Role?
                  tags  String[]
                }
                """, new MemoryCollections().add("users",
                USER + "\"name\": \"ann\", \"age\": 3, \"role\": \"ADMIN\", \"tags\": []}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238d\"}, \"age\": \"three\", \"role\": \"GUEST\"}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238e\"}, \"name\": null, \"tags\": \"red\"}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238f\"}, \"age\": 4.5, \"tags\": [\"a\", 1]}"));

        assertThat(plan.warnings()).contains(
                "users.name (name String): missing in 2 documents (e.g. {\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238d\"}}),"
                        + " null in 1 document (e.g. {\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238e\"}}); the schema "
                        + "does not allow this, so such documents go to the error log when migrated instead of being "
                        + "converted",
                "users.age (age Int?): string in 1 document (e.g. {\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238d\"}}),"
                        + " double in 1 document (e.g. {\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238f\"}}); the schema "
                        + "does not allow this, so such documents go to the error log when migrated instead of being "
                        + "converted",
                "users.role (role Role?): a value outside enum Role in 1 document (e.g. {\"_id\": {\"$oid\": "
                        + "\"5ca4bbc7a2dd94ee5816238d\"}}); the schema does not allow this, so such documents go to the "
                        + "error log when migrated instead of being converted",
                "users.tags (tags String[]): string instead of a list in 1 document (e.g. {\"_id\": {\"$oid\": "
                        + "\"5ca4bbc7a2dd94ee5816238e\"}}), int element in 1 document (e.g. {\"_id\": {\"$oid\": "
                        + "\"5ca4bbc7a2dd94ee5816238f\"}}); the schema does not allow this, so such documents go to the "
                        + "error log when migrated instead of being converted");
        assertThat(Planned.type(plan, "users", "age")).isEqualTo("integer");
        assertThat(Planned.column(plan, "users", "name").notNull()).isTrue();
    }

    @Test
    void shouldPutFieldsTheSchemaLacksInTheExtraColumnAndSaySo() throws IOException {
        Plan plan = plan("""
                model users {
                  id    String @id @map("_id") @db.ObjectId
                  name  String
                }
                """, new MemoryCollections().add("users", USER + "\"name\": \"ann\", \"nickname\": \"a\", \"age\": 3}"));

        assertThat(Planned.table(plan, "users").columns()).extracting(ColumnPlan::target)
                .containsExactly("_id", "name", "_extra");
        assertThat(Planned.table(plan, "users").document().extraFields()).containsExactly("nickname", "age");
        assertThat(Planned.table(plan, "users").notes()).contains("fields the Prisma model users lacks land in _extra: "
                + "nickname (1 document), age (1 document)");
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("collection users: the documents hold fields the "
                + "Prisma model users lacks"));
    }

    @Test
    void shouldPlanAModelWithoutDocumentsFromTheSchemaAndACollectionWithoutAModelFromItsDocuments()
            throws IOException {
        Plan plan = plan("""
                model users {
                  id    String @id @map("_id") @db.ObjectId
                  name  String
                  posts posts[]
                }
                model posts {
                  id       String @id @map("_id") @db.ObjectId
                  authorId String @db.ObjectId
                  author   users  @relation(fields: [authorId], references: [id])
                }
                """, new MemoryCollections().add("users", USER + "\"name\": \"ann\"}")
                .add("logs", "{\"_id\": 1, \"line\": \"started\"}"));

        assertThat(Planned.table(plan, "posts").columns()).extracting(c -> c.target() + " " + c.targetType())
                .containsExactly("_id uuid", "authorId uuid", "_extra jsonb");
        assertThat(Planned.table(plan, "posts").foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.refTable()).isEqualTo("users"));
        assertThat(Planned.type(plan, "logs", "line")).isEqualTo("text");
        assertThat(plan.warnings()).contains("Prisma model posts: the source has no collection posts; its table is "
                + "planned from the schema alone and starts empty", "collection logs has no Prisma model; it is "
                + "planned from its documents");
    }

    @Test
    void shouldPairTheListsOfEachNamedRelationIntoItsOwnJunction() throws IOException {
        Plan plan = plan("""
                model users {
                  id          String   @id @map("_id") @db.ObjectId
                  ownsIds     String[] @db.ObjectId
                  owns        groups[] @relation("owners", fields: [ownsIds], references: [id])
                  memberOfIds String[] @db.ObjectId
                  memberOf    groups[] @relation(name: "members", fields: [memberOfIds], references: [id])
                }
                model groups {
                  id        String   @id @map("_id") @db.ObjectId
                  memberIds String[] @db.ObjectId
                  members   users[]  @relation(name: "members", fields: [memberIds], references: [id])
                  ownerIds  String[] @db.ObjectId
                  owners    users[]  @relation("owners", fields: [ownerIds], references: [id])
                }
                """, new MemoryCollections()
                .add("users", USER + "\"ownsIds\": [{\"$oid\": \"5ca4bbc7a2dd94ee58162300\"}], \"memberOfIds\": []}")
                .add("groups", "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee58162300\"}, \"memberIds\": [], "
                        + "\"ownerIds\": [{\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}]}"));

        assertThat(Planned.table(plan, "groups").document().arrays()).extracting(ArrayFeed::field, ArrayFeed::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("memberIds", "groups_users"),
                        org.assertj.core.groups.Tuple.tuple("ownerIds", "groups_users1"));
        assertThat(Planned.table(plan, "users").document().arrays()).extracting(ArrayFeed::field, ArrayFeed::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ownsIds", "groups_users1"),
                        org.assertj.core.groups.Tuple.tuple("memberOfIds", "groups_users"));
        assertThat(Planned.table(plan, "groups_users1").document().aliases()).containsEntry("$table", "_owners");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldPlanUniqueAndSecondaryIndexesOnceBesideTheForeignKeyIndexes() throws IOException {
        Plan plan = plan("""
                model users {
                  id    String  @id @map("_id") @db.ObjectId
                  email String  @unique
                  posts posts[]
                }
                model posts {
                  id       String @id @map("_id") @db.ObjectId
                  authorId String @db.ObjectId
                  slug     String
                  kind     String
                  author   users  @relation(fields: [authorId], references: [id])
                  @@unique([authorId, slug])
                  @@index([kind], map: "posts_by_kind")
                  @@index([authorId])
                }
                """, new MemoryCollections());

        assertThat(Planned.table(plan, "posts").indexes()).extracting(IndexPlan::name, IndexPlan::unique,
                IndexPlan::elements).containsExactly(
                org.assertj.core.groups.Tuple.tuple("posts_authorId_slug_key", true, List.of("\"authorId\"",
                        "\"slug\"")),
                org.assertj.core.groups.Tuple.tuple("posts_by_kind", false, List.of("\"kind\"")),
                org.assertj.core.groups.Tuple.tuple("posts_authorId_idx", false, List.of("\"authorId\"")));
        assertThat(Planned.table(plan, "users").indexes()).extracting(IndexPlan::name).containsExactly(
                "users_email_key");
    }

    @Test
    void shouldLetTheSchemaDecideWhatItSaysAndApplyTheOtherDeclarations() throws IOException {
        Declarations declarations = new Declarations(
                List.of(new Declarations.Reference("posts", "authorId", "users", null),
                        new Declarations.Reference("posts", "editorId", "users", null)),
                null, List.of(new Declarations.Key("posts", List.of("slug"))),
                List.of(new Declarations.EnumValues("posts", "slug", "slugs", List.of("a"))),
                List.of(new Declarations.Search("Post", List.of("title"), null)),
                List.of(new Declarations.Field("posts", "secret")));
        Plan plan = plan("""
                model users {
                  id    String  @id @map("_id") @db.ObjectId
                  posts posts[]
                }
                model Post {
                  id       String  @id @map("_id") @db.ObjectId
                  authorId String  @db.ObjectId
                  editorId String? @db.ObjectId
                  slug     String
                  heading  String  @map("title")
                  secret   String?
                  author   users   @relation(fields: [authorId], references: [id])
                  @@map("posts")
                }
                """, new MemoryCollections().add("users", USER.replace(", ", "}"))
                .add("posts", "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee58162300\"}, \"authorId\": {\"$oid\": "
                        + "\"5ca4bbc7a2dd94ee5816238c\"}, \"editorId\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, "
                        + "\"slug\": \"a\", \"title\": \"t\", \"secret\": \"s\"}"), declarations);

        assertThat(plan.warnings()).containsExactly(
                "declared key of posts is not used: the Prisma schema decides it (its @id)",
                "declared enum of posts.slug is not used: the Prisma schema decides it (the field's type)",
                "declared reference of posts.authorId is not used: the Prisma schema decides it (its relation)");
        assertThat(Planned.table(plan, "posts").key().sourceColumns()).containsExactly("_id");
        assertThat(Planned.table(plan, "posts").foreignKeys()).extracting(f -> f.columns().get(0))
                .containsExactlyInAnyOrder("authorId", "editorId");
        assertThat(Planned.table(plan, "posts").column("secret")).isEmpty();
        assertThat(Planned.table(plan, "posts").document().extraFields()).isEmpty();
        assertThat(Planned.table(plan, "posts").indexes()).anyMatch(i -> "gin".equals(i.method()));
        assertThat(plan.declared()).isEqualTo(declarations);
    }

    @Test
    void shouldWarnOfARelationItCannotMapAndPlanTheRest() throws IOException {
        Plan plan = plan("""
                model users {
                  id    String  @id @map("_id") @db.ObjectId
                  posts posts[]
                }
                model posts {
                  id       String  @id @map("_id") @db.ObjectId
                  authorId String  @db.ObjectId
                  author   users   @relation(fields: [authorId], references: [uid])
                  a        String
                  b        String
                  pair     users?  @relation("pair", fields: [a, b], references: [id, id])
                }
                """, new MemoryCollections());

        assertThat(plan.warnings()).contains("Prisma relation posts.author is not mapped: model users has no field uid",
                "Prisma relation posts.pair is not mapped: only a relation over one stored field of this model "
                        + "(fields: [x], references: [y]) becomes a reference");
        assertThat(Planned.table(plan, "posts").foreignKeys()).isEmpty();
        assertThat(Planned.type(plan, "posts", "authorId")).isEqualTo("uuid");
    }

    @Test
    void shouldNameTheSchemaFileAndLineWhenItDoesNotParse() {
        assertThatThrownBy(() -> plan("model users {\n  id String @id(\n}\n", new MemoryCollections()))
                .isInstanceOfSatisfying(CutoverException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
                    assertThat(e.getMessage()).contains("schema.prisma line");
                });
    }
}
