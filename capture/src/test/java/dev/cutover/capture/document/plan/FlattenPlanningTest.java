package dev.cutover.capture.document.plan;

import static dev.cutover.capture.document.plan.Planned.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Declared flattened fields: an embedded document's fields as columns of the collection's table. */
class FlattenPlanningTest {

    private static Plan plan(MemoryCollections collections, String... flattened) {
        List<Declarations.Field> fields = java.util.Arrays.stream(flattened)
                .map(f -> new Declarations.Field(f.substring(0, f.indexOf('.')), f.substring(f.indexOf('.') + 1)))
                .toList();
        return Planned.plan(collections, new Declarations(null, null, null, null, null, null, fields));
    }

    private static MemoryCollections theaters() {
        return new MemoryCollections().add("theaters",
                "{\"_id\": 1, \"name\": \"Rex\", \"address\": {\"city\": \"Paris\", \"zip\": 75002, "
                        + "\"geo\": {\"lat\": 48.87}}, \"seats\": 2800}",
                "{\"_id\": 2, \"name\": \"Odeon\", \"address\": {\"city\": \"Lyon\"}, \"seats\": 300}",
                "{\"_id\": 3, \"name\": \"Roxy\", \"seats\": 120}");
    }

    @Test
    void shouldMakeTheEmbeddedDocumentsFieldsColumnsInTheFieldsPlace() {
        Plan plan = plan(theaters(), "theaters.address");
        assertThat(plan.warnings()).isEmpty();
        TablePlan theaters = table(plan, "theaters");
        assertThat(theaters.columns()).extracting(c -> c.source() + " " + c.target() + " " + c.targetType() + " "
                + c.notNull()).containsExactly("_id _id integer true", "name name text true",
                "address.city address_city text false", "address.zip address_zip integer false",
                "address.geo address_geo jsonb false", "seats seats integer true", "_extra _extra jsonb false");
        assertThat(theaters.document().flattened()).containsExactly("address");
        assertThat(theaters.document().flattenedParent("address.geo")).isEqualTo("address");
        assertThat(theaters.document().flattenedParent("addressee")).isNull();
        assertThat(theaters.notes()).anyMatch(n -> n.startsWith("address flattened (declared)"));
    }

    @Test
    void shouldKeepAnUndeclaredEmbeddedDocumentAsOneJsonbColumn() {
        TablePlan theaters = table(Planned.plan(theaters()), "theaters");
        assertThat(theaters.column("address").orElseThrow().targetType()).isEqualTo("jsonb");
        assertThat(theaters.document().flattened()).isEmpty();
    }

    @Test
    void shouldWarnAndKeepTheFieldWhenItCannotBeFlattened() {
        Plan plan = plan(theaters(), "theaters.seats", "theaters.owner", "theaters._id");
        TablePlan theaters = table(plan, "theaters");
        assertThat(theaters.column("seats").orElseThrow().targetType()).isEqualTo("integer");
        assertThat(theaters.document().flattened()).isEmpty();
        assertThat(plan.warnings()).containsExactly(
                "declared flattened field theaters.seats is not flattened: it holds no embedded documents with "
                        + "fields (its values: int 3)",
                "declared flattened field theaters.owner is not flattened: no document has that field",
                "declared flattened field theaters._id is not flattened: the field is the collection's key");
    }

    @Test
    void shouldNameAFlattenedColumnApartFromAFieldOfTheSameName() {
        MemoryCollections collections = new MemoryCollections().add("people",
                "{\"_id\": 1, \"address_city\": \"x\", \"address\": {\"city\": \"Porto\"}}");
        TablePlan people = table(plan(collections, "people.address"), "people");
        assertThat(people.columns()).extracting(c -> c.source() + " " + c.target()).contains(
                "address_city address_city", "address.city address_city_1");
    }
}
