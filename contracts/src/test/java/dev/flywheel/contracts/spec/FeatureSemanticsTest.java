package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The small pieces of meaning the spec model carries itself: flags, labels, accuracy bounds, durations. */
class FeatureSemanticsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void weekendIsSaturdayAndSundayInUtc() {
        // Given the weekend flag (2018-04-01 was a Sunday)
        FlagFeature weekend = new FlagFeature("weekend", TimeFlag.WEEKEND, Optional.empty());

        // When / Then
        assertThat(weekend.isSet(Instant.parse("2018-04-01T23:59:59Z"))).isTrue();
        assertThat(weekend.isSet(Instant.parse("2018-04-02T00:00:00Z"))).isFalse();
        assertThat(weekend.isSet(Instant.parse("2018-04-07T00:00:00Z"))).isTrue();
        // Saturday 00:30 at +02:00 is still Friday in UTC
        assertThat(weekend.isSet(Instant.parse("2018-04-07T00:30:00+02:00"))).isFalse();
    }

    @Test
    void nightIsHourSixOrEarlierByDefault() {
        // Given the night flag without hours, as in the handbook (hour <= 6)
        FlagFeature night = new FlagFeature("night", TimeFlag.NIGHT, Optional.empty());

        // When / Then
        assertThat(night.hours()).contains(HourRange.DEFAULT_NIGHT);
        assertThat(night.isSet(Instant.parse("2018-04-02T00:00:00Z"))).isTrue();
        assertThat(night.isSet(Instant.parse("2018-04-02T06:59:59Z"))).isTrue();
        assertThat(night.isSet(Instant.parse("2018-04-02T07:00:00Z"))).isFalse();
    }

    @Test
    void hourRangeMayWrapPastMidnight() {
        HourRange lateNight = new HourRange(22, 5);

        assertThat(List.of(22, 23, 0, 5)).allSatisfy(hour -> assertThat(lateNight.contains(hour)).isTrue());
        assertThat(List.of(6, 12, 21)).allSatisfy(hour -> assertThat(lateNight.contains(hour)).isFalse());
    }

    @Test
    void nightHoursAreReadFromTheSpec() {
        // Given
        String yaml = TestSpecs.minimalWith("{name: amount, value: amount}",
                "{name: amount, value: amount}\n  - {name: late, flag: night, hours: [22, 5]}");

        // When
        PipelineSpec spec = PipelineSpecs.parse("hours.yaml", yaml);

        // Then
        assertThat(spec.feature("late")).contains(new FlagFeature("late", TimeFlag.NIGHT, Optional.of(new HourRange(22, 5))));
    }

    @Test
    void positiveLabelMatchesNumbersByValueAndBooleans() {
        // Given a binary label whose positive value is written 1
        LabelSpec label = new LabelSpec("fraud", LabelType.BINARY, Optional.of("1"), LabelArrival.SEPARATELY, Duration.ofDays(7));

        // When / Then
        assertThat(label.isPositive(NODES.numberNode(1))).isTrue();
        assertThat(label.isPositive(NODES.numberNode(1.0))).isTrue();
        assertThat(label.isPositive(NODES.booleanNode(true))).isTrue();
        assertThat(label.isPositive(NODES.textNode("1"))).isTrue();
        assertThat(label.isPositive(NODES.numberNode(0))).isFalse();
        assertThat(label.isPositive(NODES.booleanNode(false))).isFalse();
        assertThat(label.isPositive(NODES.nullNode())).isFalse();
    }

    @Test
    void positiveLabelWrittenAsWordMatchesThatText() {
        LabelSpec label = new LabelSpec("outcome", LabelType.BINARY, Optional.of("fraud"), LabelArrival.INLINE, Duration.ZERO);

        assertThat(label.isPositive(NODES.textNode("fraud"))).isTrue();
        assertThat(label.isPositive(NODES.textNode("genuine"))).isFalse();
    }

    @Test
    void accuracyIsJudgedAgainstTheFloorAndTheBaseline() {
        // Given average precision with a floor of 0.35 and at most 20 % below the baseline
        AccuracyPolicy policy = new AccuracyPolicy(Metric.AVERAGE_PRECISION, OptionalDouble.of(0.35), OptionalDouble.empty(), 0.2);

        // When / Then: baseline 0.6 tolerates down to 0.48
        assertThat(policy.isAcceptable(0.50, 0.6)).isTrue();
        assertThat(policy.isAcceptable(0.47, 0.6)).isFalse();
        assertThat(policy.isAcceptable(0.34, Double.NaN)).isFalse();
        assertThat(policy.isAcceptable(0.36, Double.NaN)).isTrue();
    }

    @Test
    void lowerIsBetterMetricsDegradeUpwards() {
        AccuracyPolicy policy = new AccuracyPolicy(Metric.RMSE, OptionalDouble.empty(), OptionalDouble.of(10), 0.2);

        assertThat(policy.isAcceptable(5.9, 5.0)).isTrue();
        assertThat(policy.isAcceptable(6.1, 5.0)).isFalse();
        assertThat(policy.isAcceptable(10.5, Double.NaN)).isFalse();
    }

    @Test
    void durationsUseOneUnit() {
        assertThat(SpecDuration.parse("7d")).contains(Duration.ofDays(7));
        assertThat(SpecDuration.parse("12h")).contains(Duration.ofHours(12));
        assertThat(SpecDuration.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(SpecDuration.parse("45s")).contains(Duration.ofSeconds(45));
        assertThat(SpecDuration.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(SpecDuration.parse("1h30m")).isEmpty();
        assertThat(SpecDuration.parse("P7D")).isEmpty();
        assertThat(SpecDuration.parse("99999999999999999999d")).isEmpty();
        assertThat(SpecDuration.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(SpecDuration.format(Duration.ofMinutes(90))).isEqualTo("90m");
    }

    @Test
    void keywordsAndPatternsAreWrittenToJsonAsInTheSpec() throws Exception {
        // Given the mapper services use to serve a spec over HTTP (here without Quarkus' extra modules)
        ObjectMapper mapper = new ObjectMapper();

        // When / Then
        assertThat(mapper.writeValueAsString(AggregateKind.LABEL_RATE)).isEqualTo("\"label_rate\"");
        assertThat(mapper.writeValueAsString(List.of(Metric.CARD_PRECISION_AT_K, ModelTask.REGRESSION)))
                .isEqualTo("[\"card_precision_at_k\",\"regression\"]");
        assertThat(mapper.writeValueAsString(FieldPattern.of("tx-[0-9]+"))).isEqualTo("\"tx-[0-9]+\"");
        assertThat(mapper.readValue("\"night\"", TimeFlag.class)).isEqualTo(TimeFlag.NIGHT);
    }

    @Test
    void closestMatchToleratesTyposButNotUnrelatedNames() {
        List<String> keys = List.of("window", "delay", "aggregate", "tx_amount");

        assertThat(ClosestMatch.among("windw", keys)).contains("window");
        assertThat(ClosestMatch.among("dealy", keys)).contains("delay");
        assertThat(ClosestMatch.among("amount", keys)).contains("tx_amount");
        assertThat(ClosestMatch.among("owner", keys)).isEmpty();
    }
}
