package dev.cutover.capture.document.plan;

import static dev.cutover.capture.document.plan.Planned.column;
import static dev.cutover.capture.document.plan.Planned.plan;
import static dev.cutover.capture.document.plan.Planned.references;
import static dev.cutover.capture.document.plan.Planned.table;
import static dev.cutover.capture.document.plan.Planned.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** References, junction tables and their constraints. */
class ReferencePlanningTest {

    static String oid(int n) {
        return String.format("{\"$oid\": \"65000000000000000000%04x\"}", n);
    }

    static String other(int n) {
        return String.format("{\"$oid\": \"65ff0000000000000000%04x\"}", n);
    }

    static MemoryCollections users(int n) {
        MemoryCollections collections = new MemoryCollections();
        IntStream.rangeClosed(1, n).forEach(i -> collections.add("users", "{\"_id\": " + oid(i) + "}"));
        return collections;
    }

    @Test
    void shouldReferenceAFieldWhoseObjectIdsAreIdsOfAnotherCollection() {
        Plan plan = plan(users(3).add("posts", "{\"_id\": " + other(1) + ", \"authorId\": " + oid(2) + "}",
                "{\"_id\": " + other(2) + ", \"authorId\": " + oid(3) + "}"));
        assertThat(type(plan, "posts", "authorId")).isEqualTo("uuid");
        assertThat(column(plan, "posts", "authorId").note()).contains("references users: 2 of 2 values are its _ids");
        assertThat(table(plan, "posts").foreignKeys()).containsExactly(new ForeignKeyPlan("posts_authorId_fkey",
                List.of("authorId"), "users", List.of("_id"), "NO ACTION", "NO ACTION"));
        assertThat(table(plan, "posts").indexes()).extracting(IndexPlan::name, IndexPlan::elements)
                .containsExactly(tuple("posts_authorId_idx", List.of("\"authorId\"")));
    }

    @Test
    void shouldRequireNinetyFivePercentOfTheObjectIdsFound() {
        Plan found19 = plan(users(20).add("comments", comments(19)));
        assertThat(table(found19, "comments").foreignKeys()).hasSize(1);
        assertThat(found19.warnings()).anyMatch(w -> w.startsWith("comments.userId: 1 of 20 values not in users"));
        Plan found18 = plan(users(20).add("comments", comments(18)));
        assertThat(table(found18, "comments").foreignKeys()).isEmpty();
        assertThat(type(found18, "comments", "userId")).isEqualTo("uuid");
        assertThat(found18.warnings()).anyMatch(w -> w.startsWith("comments.userId: only 18 of 20 values are _ids of "
                + "users, fewer than 95%"));
    }

    /** 20 comments whose userId is a user in the first {@code found}. */
    private static String[] comments(int found) {
        return IntStream.rangeClosed(1, 20).mapToObj(i -> "{\"_id\": " + other(i) + ", \"userId\": "
                + (i <= found ? oid(i) : other(100 + i)) + "}").toArray(String[]::new);
    }

    @Test
    void shouldMakeAnArrayOfReferencesAJunctionTable() {
        Plan plan = plan(users(3).add("posts", "{\"_id\": " + other(1) + ", \"likedBy\": [" + oid(1) + ", " + oid(2)
                + ", " + oid(1) + "]}", "{\"_id\": " + other(2) + ", \"likedBy\": []}"));
        TablePlan junction = table(plan, "posts_likedBy");
        assertThat(junction.source()).isEqualTo("posts.likedBy[]");
        assertThat(junction.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT), List.of("posts_id", "users_id"), "posts_likedBy_pkey"));
        assertThat(junction.columns()).extracting(c -> c.target() + " " + c.targetType() + " " + c.notNull())
                .containsExactly("posts_id uuid true", "users_id uuid true");
        assertThat(junction.document()).isEqualTo(DocumentPlan.owned("posts", "likedBy", null));
        assertThat(junction.sourceRows()).isEqualTo(2);
        assertThat(junction.foreignKeys()).containsExactly(
                new ForeignKeyPlan("posts_likedBy_posts_id_fkey", List.of("posts_id"), "posts", List.of("_id"),
                        "CASCADE", "NO ACTION"),
                new ForeignKeyPlan("posts_likedBy_users_id_fkey", List.of("users_id"), "users", List.of("_id"),
                        "NO ACTION", "NO ACTION"));
        assertThat(junction.indexes()).extracting(IndexPlan::elements).containsExactly(List.of("\"users_id\""));
        assertThat(table(plan, "posts").document().arrays()).containsExactly(new ArrayFeed("likedBy",
                ArrayFeed.Kind.JUNCTION, "posts_likedBy", List.of("posts_id"), "users_id"));
        assertThat(table(plan, "posts").column("likedBy")).isEmpty();
    }

    @Test
    void shouldShareOneJunctionWhenTwoCollectionsListEachOtherAlike() {
        Plan plan = plan(memberships(false));
        assertThat(plan.tables()).extracting(TablePlan::target).containsExactly("groups", "groups_users", "users");
        TablePlan junction = table(plan, "groups_users");
        assertThat(junction.sourceRows()).isEqualTo(3);
        assertThat(junction.notes()).anyMatch(n -> n.contains("their 3 pairs agree"));
        assertThat(table(plan, "groups").document().arrays()).containsExactly(new ArrayFeed("memberIds",
                ArrayFeed.Kind.JUNCTION, "groups_users", List.of("groups_id"), "users_id"));
        assertThat(table(plan, "users").document().arrays()).containsExactly(new ArrayFeed("groupIds",
                ArrayFeed.Kind.JUNCTION, "groups_users", List.of("users_id"), "groups_id"));
        assertThat(junction.foreignKeys()).extracting(ForeignKeyPlan::refTable, ForeignKeyPlan::onDelete)
                .containsExactly(tuple("groups", "CASCADE"),
                        tuple("users", "CASCADE"));
    }

    @Test
    void shouldGiveEachSideItsOwnJunctionWhenThePairsDiffer() {
        Plan plan = plan(memberships(true));
        assertThat(plan.tables()).extracting(TablePlan::target)
                .containsExactly("groups", "groups_memberIds", "users", "users_groupIds");
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("groups.memberIds and users.groupIds list each other but "
                + "name different pairs"));
    }

    @Test
    void shouldShareOneJunctionWhenBothSidesAreDeclaredThoughThePairsDiffer() {
        Plan plan = Planned.plan(memberships(true), references(
                new Declarations.Reference("groups", "memberIds", "users", null),
                new Declarations.Reference("users", "groupIds", "groups", null)));
        assertThat(plan.tables()).extracting(TablePlan::target).containsExactly("groups", "groups_users", "users");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("are declared references to each other but name "
                + "different pairs"));
    }

    /** Two groups and three users listing each other; with {@code differ}, group 2 also lists user 1. */
    private static MemoryCollections memberships(boolean differ) {
        return new MemoryCollections()
                .add("groups", "{\"_id\": " + other(1) + ", \"memberIds\": [" + oid(1) + ", " + oid(2) + "]}",
                        "{\"_id\": " + other(2) + ", \"memberIds\": [" + oid(3) + (differ ? ", " + oid(1) : "") + "]}")
                .add("users", "{\"_id\": " + oid(1) + ", \"groupIds\": [" + other(1) + "]}",
                        "{\"_id\": " + oid(2) + ", \"groupIds\": [" + other(1) + "]}",
                        "{\"_id\": " + oid(3) + ", \"groupIds\": [" + other(2) + "]}");
    }

    @Test
    void shouldPlanADeclaredReferenceToAnotherFieldThroughAUniqueIndex() {
        Plan plan = Planned.plan(new MemoryCollections()
                        .add("accounts", "{\"_id\": " + oid(1) + ", \"account_id\": 371138}",
                                "{\"_id\": " + oid(2) + ", \"account_id\": 557378}")
                        .add("customers", "{\"_id\": " + other(1) + ", \"accounts\": [371138, 557378]}",
                                "{\"_id\": " + other(2) + ", \"accounts\": [557378]}"),
                references(new Declarations.Reference("customers", "accounts", "accounts",
                        "account_id")));
        TablePlan junction = table(plan, "customers_accounts");
        assertThat(junction.columns()).extracting(c -> c.source() + " " + c.target() + " " + c.targetType())
                .containsExactly("$owner customers_id uuid", "$element accounts_account_id integer");
        assertThat(junction.sourceRows()).isEqualTo(3);
        assertThat(junction.foreignKeys()).extracting(ForeignKeyPlan::name, ForeignKeyPlan::refTable,
                ForeignKeyPlan::refColumns).contains(tuple(
                        "customers_accounts_accounts_account_id_fkey", "accounts", List.of("account_id")));
        assertThat(table(plan, "accounts").indexes()).containsExactly(new IndexPlan("accounts_account_id_key", true,
                List.of("\"account_id\""), null, "referenced by customers.accounts (declared): a foreign key needs a "
                + "unique index"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldMakeTheSampleCustomersAccountsAJunctionWithoutAForeignKeyToARepeatedAccountId() {
        Plan plan = new PlanCase("sample_analytics_declared", "sample_analytics").plan();
        TablePlan junction = table(plan, "customers_accounts");
        assertThat(junction.sourceRows()).isEqualTo(1746);
        assertThat(junction.foreignKeys()).extracting(ForeignKeyPlan::refTable).containsExactly("customers");
        assertThat(table(plan, "accounts").indexes()).isEmpty();
        assertThat(plan.warnings()).containsExactly("customers.accounts → accounts.account_id: accounts.account_id has "
                + "1 repeated value, so no unique index can make it referenceable and no foreign key to it is planned");
        assertThat(type(plan, "customers", "tier_and_details")).isEqualTo("jsonb");
    }

    @Test
    void shouldNotPlanADeclaredReferenceWhoseTypesCannotJoin() {
        Plan plan = Planned.plan(users(1).add("sessions", "{\"_id\": 1, \"user\": \"someone@example.com\"}"),
                references(new Declarations.Reference("sessions", "user", "users", null)));
        assertThat(table(plan, "sessions").foreignKeys()).isEmpty();
        assertThat(type(plan, "sessions", "user")).isEqualTo("text");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("its values are text but the referenced column is uuid"));
    }

    @Test
    void shouldReadAgainOnlyTheCollectionsThatMayHoldReferences() {
        MemoryCollections collections = users(2).add("posts", "{\"_id\": " + other(1) + ", \"authorId\": " + oid(1)
                + "}").add("tags", "{\"_id\": \"news\"}");
        plan(collections);
        assertThat(List.of(collections.reads("users"), collections.reads("posts"), collections.reads("tags")))
                .containsExactly(1, 2, 1);
    }

    @Test
    void shouldReferenceFromAChildTable() {
        Plan plan = Planned.plan(users(2).add("posts", "{\"_id\": " + other(1) + ", \"revisions\": [{\"editorId\": "
                        + oid(2) + "}]}"),
                new Declarations(null,
                        List.of(new Declarations.Field("posts", "revisions")), null, null, null,
                        null));
        TablePlan child = table(plan, "posts_revisions");
        assertThat(child.foreignKeys()).extracting(ForeignKeyPlan::columns, ForeignKeyPlan::refTable)
                .containsExactly(tuple(List.of("posts_id"), "posts"),
                        tuple(List.of("editorId"), "users"));
    }
}
