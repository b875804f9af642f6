package dev.cutover.capture.document.plan;

import static dev.cutover.capture.document.plan.Planned.column;
import static dev.cutover.capture.document.plan.Planned.table;
import static dev.cutover.capture.document.plan.Planned.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Child tables, enums, full-text indexes and ignored fields, as declared; and declarations that cannot apply. */
class DeclarationPlanningTest {

    private static Plan plan(MemoryCollections collections, List<Declarations.Field> children,
            List<Declarations.EnumValues> enums, List<Declarations.Search> search, List<Declarations.Field> ignore) {
        return Planned.plan(collections, new Declarations(null, children, null, enums, search, ignore));
    }

    private static MemoryCollections conversations() {
        return new MemoryCollections().folder("conversations")
                .add("conversations", "{\"id\": \"c1\", \"title\": \"Lisbon\", \"messages\": [{\"role\": \"user\", "
                        + "\"content\": \"Where?\"}, {\"role\": \"assistant\", \"content\": \"Alfama\", \"tokens\": 4}]}")
                .add("conversations", "{\"id\": \"c2\", \"title\": \"Bread\", \"messages\": []}");
    }

    @Test
    void shouldMakeADeclaredArrayOfDocumentsAChildTable() {
        Plan plan = plan(conversations(), List.of(new Declarations.Field("conversations", "messages")), null, null, null);
        TablePlan child = table(plan, "conversations_messages");
        assertThat(child.source()).isEqualTo("conversations.messages[]");
        assertThat(child.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of(DocumentPlan.OWNER, DocumentPlan.INDEX), List.of("conversations_id", "_index"),
                "conversations_messages_pkey"));
        assertThat(child.columns()).extracting(c -> c.source() + " " + c.target() + " " + c.targetType() + " "
                + c.notNull()).containsExactly("$owner conversations_id text true", "$index _index integer true",
                "role role text true", "content content text true", "tokens tokens integer false",
                "_extra _extra jsonb false");
        assertThat(child.document()).isEqualTo(DocumentPlan.owned("conversations", "messages", "_extra"));
        assertThat(child.sourceRows()).isEqualTo(2);
        assertThat(child.foreignKeys()).containsExactly(new ForeignKeyPlan("conversations_messages_conversations_id_fkey",
                List.of("conversations_id"), "conversations", List.of("id"), "CASCADE", "NO ACTION"));
        assertThat(table(plan, "conversations").document().arrays()).containsExactly(new ArrayFeed("messages",
                ArrayFeed.Kind.CHILDREN, "conversations_messages", List.of("conversations_id"), "_index"));
        assertThat(table(plan, "conversations").column("messages")).isEmpty();
    }

    @Test
    void shouldKeepAnUndeclaredArrayOfDocumentsAsJsonb() {
        Plan plan = plan(conversations(), null, null, null, null);
        assertThat(type(plan, "conversations", "messages")).isEqualTo("jsonb");
        assertThat(plan.tables()).extracting(TablePlan::target).containsExactly("conversations");
    }

    @Test
    void shouldMakeADeclaredEnumAnEnumTypeAndCountValuesOutsideIt() {
        MemoryCollections collections = new MemoryCollections()
                .add("customers", "{\"_id\": 1, \"tier\": \"Gold\", \"perks\": [\"lounge\"]}",
                        "{\"_id\": 2, \"tier\": \"Platinum\", \"perks\": []}");
        Plan plan = plan(collections, null, List.of(
                new Declarations.EnumValues("customers", "tier", "tier", List.of("Bronze", "Gold")),
                new Declarations.EnumValues("customers", "perks", "perk", List.of("lounge", "parking"))), null, null);
        assertThat(plan.enums()).containsExactly(new EnumPlan("tier", List.of("Bronze", "Gold"), "declared for "
                + "customers.tier"), new EnumPlan("perk", List.of("lounge", "parking"), "declared for customers.perks"));
        assertThat(type(plan, "customers", "tier")).isEqualTo("\"public\".\"tier\"");
        assertThat(type(plan, "customers", "perks")).isEqualTo("\"public\".\"perk\"[]");
        assertThat(plan.warnings()).containsExactly("customers.tier has 1 value outside enum tier (e.g. 'Platinum'); "
                + "such values go to the error log with their documents when migrated");
    }

    @Test
    void shouldIndexDeclaredSearchColumnsWithAnImmutableExpression() {
        MemoryCollections collections = new MemoryCollections().add("posts", "{\"_id\": 1, \"title\": \"a\", "
                + "\"body\": \"b\", \"tags\": [\"x\"], \"meta\": {\"k\": \"v\"}, \"views\": 3}");
        Plan plan = plan(collections, null, null, List.of(new Declarations.Search("posts",
                List.of("title", "body", "tags", "meta", "views"), "english")), null);
        assertThat(table(plan, "posts").indexes()).containsExactly(new IndexPlan("posts_fts_idx", false,
                List.of("(to_tsvector('english', coalesce(\"title\", '') || ' ' || coalesce(\"body\", '')) || "
                        + "array_to_tsvector(coalesce(\"tags\", '{}')) || to_tsvector('english', coalesce(\"meta\", "
                        + "'{}')))"), null, "declared search over title, body, tags, meta, views (config 'english')",
                "gin"));
        assertThat(plan.warnings()).containsExactly("declared search index on posts: column views is left out (type "
                + "integer cannot be indexed as text)");
    }

    @Test
    void shouldLeaveDeclaredIgnoredFieldsOut() {
        Plan plan = plan(new MemoryCollections().add("users", "{\"_id\": 1, \"name\": \"a\", \"password\": \"x\"}"),
                null, null, null, List.of(new Declarations.Field("users", "password")));
        assertThat(table(plan, "users").column("password")).isEmpty();
        assertThat(table(plan, "users").document().ignored()).containsExactly("password");
        assertThat(column(plan, "users", "name").targetType()).isEqualTo("text");
    }

    @Test
    void shouldWarnAboutEveryDeclarationThatCannotApply() {
        MemoryCollections collections = new MemoryCollections().add("users", "{\"_id\": 1, \"age\": 3, \"tags\": [1]}");
        Plan plan = Planned.plan(collections, new Declarations(
                List.of(new Declarations.Reference("users", "age", "nowhere", null)),
                List.of(new Declarations.Field("users", "tags"), new Declarations.Field("users", "missing")),
                List.of(new Declarations.Key("users", List.of("nothing"))),
                List.of(new Declarations.EnumValues("users", "age", "age", List.of("young"))),
                List.of(new Declarations.Search("nowhere", List.of("a"), "simple")), null));
        assertThat(plan.warnings()).containsExactly(
                "collection users: declared key field nothing is in no document; the declared key is not used (fix "
                        + "declarations.keys)",
                "declared reference users.age → nowhere: there is no collection nowhere; nothing is planned for it",
                "declared enum age for users.age is not planned: its values are int 1, not strings",
                "declared child table users.tags is not planned: it holds no arrays of documents (array 1)",
                "declared child table users.missing is not planned: no document has that field",
                "declared search index on nowhere is not planned: there is no such table");
        assertThat(plan.declarations()).isNotNull();
        assertThat(table(plan, "users").key().sourceColumns()).containsExactly("_id");
    }
}
