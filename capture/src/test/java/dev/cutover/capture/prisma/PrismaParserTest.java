package dev.cutover.capture.prisma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.prisma.PrismaSchema.Field;
import dev.cutover.capture.prisma.PrismaSchema.Model;
import dev.cutover.schemas.CutoverException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PrismaParserTest {

    private static PrismaSchema nextCrm() throws URISyntaxException {
        return PrismaParser.parse(Path.of(PrismaParserTest.class.getResource("/prisma/nextcrm-mongodb.schema.prisma").toURI()));
    }

    @Test
    void shouldReadEveryModelAndEnumOfNextCrm() throws URISyntaxException {
        PrismaSchema schema = nextCrm();

        assertThat(schema.models()).hasSizeGreaterThanOrEqualTo(26);
        assertThat(schema.models()).extracting(Model::name).contains("crm_Accounts", "crm_Leads", "Invoices", "Documents",
                "Users", "Tasks");
        assertThat(schema.enumNamed("crm_Lead_Status").orElseThrow().values())
                .containsExactly("NEW", "CONTACTED", "QUALIFIED", "LOST");
        assertThat(schema.enumNamed("DocumentSystemType").orElseThrow().values()).contains("INVOICE", "OTHER");
    }

    @Test
    void shouldReadAFieldsTypeModifiersAndAttributes() throws URISyntaxException {
        Model accounts = nextCrm().model("crm_Accounts").orElseThrow();

        Field id = accounts.field("id").orElseThrow();
        assertThat(id.documentField()).isEqualTo("_id");
        assertThat(id.has("id")).isTrue();
        assertThat(id.objectId()).isTrue();
        assertThat(id.attribute("default").orElseThrow().first().orElseThrow().kind())
                .isEqualTo(PrismaSchema.Value.Kind.CALL);

        Field version = accounts.field("v").orElseThrow();
        assertThat(version.documentField()).isEqualTo("__v");
        assertThat(version.type()).isEqualTo("Int");
        assertThat(version.optional()).isFalse();

        Field documents = accounts.field("documentsIDs").orElseThrow();
        assertThat(documents.list()).isTrue();
        assertThat(documents.objectId()).isTrue();

        Field watching = accounts.field("watching_users").orElseThrow();
        PrismaSchema.Attribute relation = watching.attribute("relation").orElseThrow();
        assertThat(relation.argument("name").orElseThrow().value().text()).isEqualTo("watching_accounts");
        assertThat(relation.argument("fields").orElseThrow().value().names()).containsExactly("watchers");
        assertThat(relation.argument("references").orElseThrow().value().names()).containsExactly("id");
        assertThat(watching.type()).isEqualTo("Users");
        assertThat(watching.list()).isTrue();

        assertThat(accounts.field("status").orElseThrow().attribute("default").orElseThrow().firstString())
                .contains("Inactive");
        assertThat(accounts.field("updatedAt").orElseThrow().optional()).isTrue();
    }

    @Test
    void shouldReadBlockAttributesCompositeTypesAndMappedEnums() {
        PrismaSchema schema = PrismaParser.parse("inline.prisma", """
                datasource db {
                  provider = "mongodb"
                  url      = env("DATABASE_URL")
                }
                /// a composite type
                type Address {
                  street String
                  city   String?
                }
                model Customer {
                  id      String   @id @default(auto()) @map("_id") @db.ObjectId
                  email   String   @unique
                  address Address?
                  tags    String[]
                  kind    Kind     @default(PERSON)
                  @@map("customers")
                  @@index([email, tags(sort: Desc)], name: "by_email")
                  @@fulltext([email])
                }
                enum Kind {
                  PERSON  @map("person")
                  COMPANY
                  @@map("kinds")
                }
                """);

        Model customer = schema.model("Customer").orElseThrow();
        assertThat(customer.collection()).isEqualTo("customers");
        assertThat(customer.attributes("index")).singleElement().satisfies(index -> {
            assertThat(index.first().orElseThrow().names()).containsExactly("email", "tags");
            assertThat(index.argument("name").orElseThrow().value().text()).isEqualTo("by_email");
        });
        assertThat(customer.attribute("fulltext")).isPresent();
        assertThat(customer.field("email").orElseThrow().has("unique")).isTrue();
        assertThat(schema.type("Address").orElseThrow().fields()).extracting(Field::name).containsExactly("street", "city");
        PrismaSchema.Enum kind = schema.enumNamed("Kind").orElseThrow();
        assertThat(kind.values()).containsExactly("person", "COMPANY");
        assertThat(kind.mapped()).isEqualTo("kinds");
    }

    @Test
    void shouldNameTheLineAndWhatWasExpectedWhenTheSchemaDoesNotParse() {
        assertThatThrownBy(() -> PrismaParser.parse("broken.prisma", "model A {\n  id String @id\n  name\n}\n"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("broken.prisma line 3")
                .hasMessageContaining("expected the type of field name");
        assertThatThrownBy(() -> PrismaParser.parse("open.prisma", "model A {\n  id String @id\n"))
                .hasMessageContaining("open.prisma line 3").hasMessageContaining("not closed");
        assertThatThrownBy(() -> PrismaParser.parse("quote.prisma", "model A {\n  id String @map(\"_id)\n}\n"))
                .hasMessageContaining("quote.prisma line 2").hasMessageContaining("string is not closed");
    }

    @Test
    void shouldRefuseAFileThatCannotBeReadNamingTheOption() {
        assertThatThrownBy(() -> PrismaParser.parse(Path.of("/nonexistent/schema.prisma")))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("/nonexistent/schema.prisma").hasMessageContaining("--prisma");
    }
}
