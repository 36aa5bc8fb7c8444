package dev.flywheel.training.eda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * The profile of {@code eda/profile.csv} against pandas 2.3.3 / scipy 1.15.3 / scikit-learn 1.9.1
 * ({@code eda/make_vectors.py} wrote {@code eda/profile-expected.json}). All 400 rows fit the exact bounds, so
 * every figure is exact: moments, quantiles, correlations, p-values agree to 1e-9 (relative to the magnitude,
 * floating-point summation order differs), counts, histograms and outlier counts exactly.
 */
class ProfileVectorsTest {

    private static final double TOLERANCE = 1e-9;

    private static JsonNode expected;
    private static DatasetProfile profile;

    @BeforeAll
    static void profileTheVectors() throws IOException {
        // Given the committed CSV and pandas' figures for it
        try (InputStream in = ProfileVectorsTest.class.getResourceAsStream("/eda/profile-expected.json")) {
            expected = Json.mapper().readTree(in);
        }
        // When it is profiled, with "label" as the label
        try (InputStream in = ProfileVectorsTest.class.getResourceAsStream("/eda/profile.csv")) {
            profile = CsvProfiler.profile(new InputStreamReader(in, StandardCharsets.UTF_8), "label",
                    ProfileOptions.defaults(), "profile.csv");
        }
    }

    @Test
    void numericColumnsMatchPandas() {
        assertThat(profile.rows()).isEqualTo(expected.get("rows").asLong());
        for (JsonNode name : expected.get("numeric")) {
            JsonNode want = expected.get("columns").get(name.asText());
            ColumnProfile got = column(name.asText());
            String column = name.asText();
            assertThat(got.kind()).as(column).isEqualTo(ColumnProfile.NUMERIC);
            assertThat(got.count()).as(column + " count").isEqualTo(want.get("count").asLong());
            assertThat(got.nulls()).as(column + " nulls").isEqualTo(want.get("nulls").asLong());
            assertThat(got.distinct()).as(column + " distinct").isEqualTo(want.get("distinct").asLong());
            assertThat(got.distinctExact()).isTrue();
            assertThat(got.quantilesExact()).isTrue();
            close(column + " mean", got.mean(), want.get("mean"));
            close(column + " std", got.std(), want.get("std"));
            close(column + " min", got.min(), want.get("min"));
            close(column + " q1", got.q1(), want.get("q1"));
            close(column + " median", got.median(), want.get("median"));
            close(column + " q3", got.q3(), want.get("q3"));
            close(column + " max", got.max(), want.get("max"));
            close(column + " skewness", got.skewness(), want.get("skewness"));
            close(column + " kurtosis", got.kurtosis(), want.get("kurtosis"));
        }
    }

    @Test
    void histogramsAndBoxPlotsMatchNumpy() {
        for (JsonNode name : expected.get("numeric")) {
            JsonNode want = expected.get("columns").get(name.asText());
            ColumnProfile got = column(name.asText());
            String column = name.asText();
            List<Long> counts = new ArrayList<>();
            want.get("histogramCounts").forEach(count -> counts.add(count.asLong()));
            assertThat(got.histogram().counts()).as(column + " histogram")
                    .containsExactly(counts.stream().mapToLong(Long::longValue).toArray());
            for (int i = 0; i < got.histogram().edges().length; i++) {
                close(column + " edge " + i, got.histogram().edges()[i], want.get("histogramEdges").get(i));
            }
            BoxPlot box = got.boxPlot();
            close(column + " lower fence", box.lowerFence(), want.get("lowerFence"));
            close(column + " upper fence", box.upperFence(), want.get("upperFence"));
            close(column + " low whisker", box.lowWhisker(), want.get("lowWhisker"));
            close(column + " high whisker", box.highWhisker(), want.get("highWhisker"));
            assertThat(box.lowOutliers()).as(column + " low outliers").isEqualTo(want.get("lowOutliers").asLong());
            assertThat(box.highOutliers()).as(column + " high outliers").isEqualTo(want.get("highOutliers").asLong());
            assertThat(box.highExamples()).as(column + " high examples").hasSize((int) Math.min(5, box.highOutliers()))
                    .allSatisfy(value -> assertThat(value).isGreaterThan(box.upperFence()));
        }
    }

    @Test
    void jarqueBeraMatchesScipyAndIsFlaggedForALinearModel() {
        for (JsonNode name : expected.get("numeric")) {
            if (name.asText().equals("label")) {
                assertThat(column("label").normality()).isNull();
                continue;
            }
            JsonNode want = expected.get("columns").get(name.asText());
            Normality got = column(name.asText()).normality();
            close(name.asText() + " JB", got.statistic(), want.get("jarqueBera"));
            close(name.asText() + " JB p", got.pValue(), want.get("jarqueBeraP"));
            assertThat(got.flagged()).as(name.asText() + " flagged").isEqualTo(want.get("jarqueBeraP").asDouble() < 0.05);
        }
        // the lognormal amount is far from normal
        assertThat(column("amount").normality().flagged()).isTrue();
    }

    @Test
    void correlationMatricesMatchPandas() {
        List<String> numeric = new ArrayList<>();
        expected.get("numeric").forEach(name -> numeric.add(name.asText()));
        assertThat(profile.pearson().columns()).containsExactlyElementsOf(numeric);
        assertThat(profile.spearman().sampled()).isFalse();
        for (int i = 0; i < numeric.size(); i++) {
            for (int j = 0; j < numeric.size(); j++) {
                String pair = numeric.get(i) + "/" + numeric.get(j);
                close("pearson " + pair, profile.pearson().matrix()[i][j], expected.get("pearson").get(i).get(j));
                close("spearman " + pair, profile.spearman().matrix()[i][j], expected.get("spearman").get(i).get(j));
            }
        }
        assertThat(profile.collinearPairs()).extracting(pair -> List.of(pair.first(), pair.second()))
                .containsExactly(List.of("amount", "amount_eur"));
    }

    @Test
    void labelBalanceAndAssociationsMatchScipyAndScikitLearn() {
        LabelProfile label = profile.label();
        assertThat(label.positives()).isEqualTo(expected.get("label").get("positives").asLong());
        assertThat(label.negatives()).isEqualTo(expected.get("label").get("negatives").asLong());
        assertThat(label.aucSampled()).isFalse();
        for (LabelProfile.Association association : label.associations()) {
            JsonNode want = expected.get("association").get(association.feature());
            close(association.feature() + " point-biserial", association.pointBiserial(), want.get("pointBiserial"));
            close(association.feature() + " ROC AUC", association.rocAuc(), want.get("rocAuc"));
        }
    }

    @Test
    void textColumnsAreCounted() {
        JsonNode want = expected.get("columns").get("merchant");
        ColumnProfile got = column("merchant");
        assertThat(got.kind()).isEqualTo(ColumnProfile.TEXT);
        assertThat(got.count()).isEqualTo(want.get("count").asLong());
        assertThat(got.nulls()).isEqualTo(want.get("nulls").asLong());
        assertThat(got.distinct()).isEqualTo(want.get("distinct").asLong());
        Map<String, Long> top = new java.util.LinkedHashMap<>();
        want.get("top").fields().forEachRemaining(entry -> top.put(entry.getKey(), entry.getValue().asLong()));
        assertThat(got.topValues()).extracting(ColumnProfile.ValueCount::value).containsExactlyElementsOf(top.keySet());
        assertThat(got.topValues()).extracting(ColumnProfile.ValueCount::count).containsExactlyElementsOf(top.values());
    }

    private static ColumnProfile column(String name) {
        return profile.columns().stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow();
    }

    private static void close(String what, Double actual, JsonNode expectedValue) {
        double want = expectedValue.asDouble();
        assertThat(actual).as(what).isNotNull();
        assertThat(actual).as(what).isCloseTo(want, within(TOLERANCE * Math.max(1.0, Math.abs(want))));
    }
}
