package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT = """
            # HELP cutover_rows_written_total Rows the sink wrote
            # TYPE cutover_rows_written_total counter
            cutover_rows_written_total{operation="snapshot",table="customer"} 1200.0
            cutover_rows_written_total{operation="upsert",table="a \\"quoted\\", odd\\\\name"} 3.0 1700000000000
            # TYPE cutover_change_latency_seconds histogram
            cutover_change_latency_seconds_bucket{le="0.001"} 0
            cutover_change_latency_seconds_bucket{le="+Inf"} 4
            cutover_change_latency_seconds_count 4
            cutover_change_latency_seconds_sum 0.5
            # TYPE cutover_lag_events gauge
            cutover_lag_events NaN
            """;

    @Test
    void shouldReadFamiliesSamplesLabelsAndValues() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse(TEXT);
        assertThat(families).containsOnlyKeys("cutover_rows_written_total", "cutover_change_latency_seconds",
                "cutover_lag_events");
        PrometheusText.Family written = families.get("cutover_rows_written_total");
        assertThat(written.type()).isEqualTo("counter");
        assertThat(written.help()).isEqualTo("Rows the sink wrote");
        assertThat(written.sample("", Map.of("table", "customer")).value()).isEqualTo(1200.0);
        assertThat(written.sample("", Map.of("table", "a \"quoted\", odd\\name")).value()).isEqualTo(3.0);
        PrometheusText.Family latency = families.get("cutover_change_latency_seconds");
        assertThat(latency.sample("_bucket", Map.of("le", "+Inf")).value()).isEqualTo(4);
        assertThat(latency.sample("_sum", Map.of()).value()).isEqualTo(0.5);
        assertThat(families.get("cutover_lag_events").samples().get(0).value()).isNaN();
    }

    @Test
    void shouldRefuseWhatIsNotPrometheusText() {
        assertThatThrownBy(() -> PrometheusText.parse("cutover_x 1\n")).hasMessageContaining("line 1")
                .hasMessageContaining("outside its family");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{b=\"c} 1\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na{1b=\"c\"} 1\n"))
                .hasMessageContaining("bad label");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na one\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\nb 1\n")).hasMessageContaining("outside");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a histogram\na 1\n")).hasMessageContaining("outside");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a meter\n")).hasMessageContaining("bad TYPE");
    }
}
