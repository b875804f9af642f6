package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectIdUuidsTest {

    @Test
    void shouldMapAnObjectIdByTheDocumentedRule() {
        UUID uuid = ObjectIdUuids.toUuid("5ca4bbc7a2dd94ee5816238c");

        assertThat(uuid).hasToString("5ca4bbc7-a2dd-894e-8e58-16238c000000");
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void shouldMapBytesAndHexAlikeAndBack() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            byte[] id = new byte[12];
            random.nextBytes(id);
            String hex = HexFormat.of().formatHex(id);

            UUID uuid = ObjectIdUuids.toUuid(id);

            assertThat(uuid).isEqualTo(ObjectIdUuids.toUuid(hex.toUpperCase()));
            assertThat(ObjectIdUuids.toObjectIdHex(uuid)).contains(hex);
        }
    }

    @Test
    void shouldKeepTheObjectIdsOrderInTheUuidsByteOrder() {
        Random random = new Random(11);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] id = new byte[12];
            random.nextBytes(id);
            ids.add(HexFormat.of().formatHex(id));
        }
        List<String> byObjectId = ids.stream().sorted().toList();

        List<String> byUuid = ids.stream().sorted((a, b) -> ObjectIdUuids.toUuid(a).toString()
                .compareTo(ObjectIdUuids.toUuid(b).toString())).toList();

        assertThat(byUuid).isEqualTo(byObjectId);
    }

    @Test
    void shouldTellAUuidThatTheRuleDidNotMake() {
        assertThat(ObjectIdUuids.toObjectIdHex(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))).isEmpty();
        assertThat(ObjectIdUuids.toObjectIdHex(UUID.fromString("5ca4bbc7-a2dd-894e-8e58-16238c000001"))).isEmpty();
    }

    @Test
    void shouldRefuseWhatIsNotAnObjectId() {
        assertThat(ObjectIdUuids.isObjectIdHex("5ca4bbc7a2dd94ee5816238g")).isFalse();
        assertThat(ObjectIdUuids.isObjectIdHex("5ca4bbc7a2dd94ee5816238")).isFalse();
        assertThatThrownBy(() -> ObjectIdUuids.toUuid("not an id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectIdUuids.toUuid(new byte[11])).isInstanceOf(IllegalArgumentException.class);
    }
}
