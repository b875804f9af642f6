package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a way-back slot's retained WAL makes status and health warn (the reading itself: WayBackIT's status). */
class WayBackWalWarningTest {

    @Test
    void shouldNotWarnUpToTheThreshold() {
        assertThat(WayBack.walWarning("cutover_wb_1", 0)).isEmpty();
        assertThat(WayBack.walWarning("cutover_wb_1", 128_976)).isEmpty();
        assertThat(WayBack.walWarning("cutover_wb_1", WayBack.WAL_WARNING_BYTES)).isEmpty();
    }

    @Test
    void shouldWarnAboveTheThresholdNamingTheSlotTheAmountAndTheWayOut() {
        assertThat(WayBack.walWarning("cutover_wb_1", WayBack.WAL_WARNING_BYTES + 1)).hasValueSatisfying(warning ->
                assertThat(warning).contains("cutover_wb_1", "1,024 MiB of WAL (over 1,024 MiB)",
                        "cutover stop --remove-capture"));
        assertThat(WayBack.walWarning("cutover_wb_1", 3L << 30)).hasValueSatisfying(warning ->
                assertThat(warning).contains("3,072 MiB of WAL (over 1,024 MiB)"));
    }
}
