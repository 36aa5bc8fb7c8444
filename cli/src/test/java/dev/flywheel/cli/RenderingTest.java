package dev.flywheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

class RenderingTest {

    @Test
    void tablesAlignColumnsAndRightAlignNumbers() throws Exception {
        JsonNode row = Json.mapper().readTree("{\"ap\": 0.123456, \"n\": 12000, \"missing\": null}");

        String table = new Table("candidate", "ap", "n", "missing")
                .row("mlp", row.get("ap"), row.get("n"), row.get("missing"))
                .row("logistic_regression", 0.5, 7, null)
                .render();

        assertThat(table.lines()).containsExactly(
                "candidate                ap      n  missing",
                "-------------------  ------  -----  -------",
                "mlp                  0.1235  12000        -",
                "logistic_regression  0.5000      7        -");
    }

    @Test
    void sqlAnswersReadAsATableWithTheirSize() throws Exception {
        JsonNode answer = Json.mapper().readTree("""
                {"columns":[{"name":"n","type":"BIGINT"},{"name":"share","type":"DOUBLE"}],
                 "rows":[[42, 0.00012]],"truncated":true,"snapshotRows":1000,"millis":12}""");

        String text = SqlCommand.render(answer);

        assertThat(text).contains(" n      share").contains("42  1.200e-04")
                .contains("1 row(s), more were available (raise --max-rows) from a snapshot of 1000 rows in 12 ms");
    }

    @Test
    void aReconciliationReadsAsOneRowPerStreamAndSaysWhetherItBalances() throws Exception {
        JsonNode answer = Json.mapper().readTree("""
                {"rawEvents":5,"rejectedEvents":1,"balanced":false,"truncated":false,"readMillis":40,
                 "events":{"records":4,"distinctIds":4,"duplicateIds":0,"duplicates":[],"missing":null,"missingSample":[]},
                 "labels":{"records":2,"distinctIds":2,"duplicateIds":0,"duplicates":[],"missing":null,"missingSample":[]},
                 "features":{"records":3,"distinctIds":3,"duplicateIds":0,"duplicates":[],"missing":1,"missingSample":["e4"]},
                 "predictions":{"records":3,"distinctIds":3,"duplicateIds":0,"duplicates":[],"missing":0,"missingSample":[]},
                 "outcomes":{"records":3,"distinctIds":2,"duplicateIds":1,"duplicates":["p2"],"missing":null,"missingSample":[]}}""");

        String text = ReconcileCommand.render(answer);

        assertThat(text.lines().filter(line -> line.startsWith("features"))).singleElement().asString()
                .matches("features\\s+3\\s+3\\s+0\\s+1\\s+e4");
        assertThat(text.lines().filter(line -> line.startsWith("outcomes"))).singleElement().asString()
                .matches("outcomes\\s+3\\s+2\\s+1\\s+-\\s+p2");
        assertThat(text).contains("NOT balanced, read in 40 ms");
    }

    @Test
    void progressShowsABarAndReadableDurations() {
        assertThat(ProgressBar.bar(50)).isEqualTo("[" + "#".repeat(15) + ".".repeat(15) + "]");
        assertThat(ProgressBar.duration(42)).isEqualTo("42 s");
        assertThat(ProgressBar.duration(185)).isEqualTo("3 min 5 s");
        assertThat(ProgressBar.duration(3720)).isEqualTo("1 h 2 min");
    }

    @Test
    void aServicesReasonIsTakenFromTheFieldItUses() {
        assertThat(Api.messageOf("{\"message\":\"no pipeline 'x'\"}")).isEqualTo("no pipeline 'x'");
        assertThat(Api.messageOf("{\"error\":\"feature tx_amount is missing\"}")).isEqualTo("feature tx_amount is missing");
        assertThat(Api.messageOf("Bad gateway")).isEqualTo("Bad gateway");
    }
}
