package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentValueTextTest {

    @Test
    void shouldShowAnObjectIdMadeUuidAsItsObjectIdAndOtherValuesAsThemselves() {
        UUID fromObjectId = ObjectIdUuids.toUuid("5f1a2b3c4d5e6f7081928374");
        UUID random = UUID.fromString("123e4567-e89b-42d3-a456-426614174000");

        String json = DocumentValueText.json(List.of("_id", "owner", "n", "price", "name", "gone"),
                Arrays.asList(fromObjectId, random, 7L, new BigDecimal("1.50"), "Rex", null));

        assertThat(json).isEqualTo("{\"_id\":{\"$oid\":\"5f1a2b3c4d5e6f7081928374\"},"
                + "\"owner\":\"123e4567-e89b-42d3-a456-426614174000\",\"n\":7,\"price\":1.50,\"name\":\"Rex\",\"gone\":null}");
    }

    @Test
    void shouldNameAColumnByTheFieldItHoldsOrByItselfWhenItHoldsNone() {
        TablePlan junction = new TablePlan("customers.accounts[]", "customers_accounts",
                new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT),
                        List.of("customers_id", "accounts_id")),
                List.of(column(DocumentPlan.OWNER, "customers_id"), column(DocumentPlan.ELEMENT, "accounts_id"),
                        column("address.city", "address_city")),
                List.of(), List.of(), List.of(), 0, List.of(), DocumentPlan.owned("customers", "accounts", null));

        assertThat(DocumentValueText.fieldName(junction, "customers_id")).isEqualTo("customers_id");
        assertThat(DocumentValueText.fieldName(junction, "address_city")).isEqualTo("address.city");
        assertThat(DocumentValueText.fieldName(junction, "missing")).isEqualTo("missing");
    }

    private static ColumnPlan column(String source, String target) {
        return new ColumnPlan(source, target, "", "uuid", true, null, null, false, null, null, null);
    }
}
