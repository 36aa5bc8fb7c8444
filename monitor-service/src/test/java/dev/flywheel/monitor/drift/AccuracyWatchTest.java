package dev.flywheel.monitor.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.event.DriftDetected;
import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.metric.BinaryMetrics;
import dev.flywheel.contracts.spec.AccuracyPolicy;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.DemoSpec;
import dev.flywheel.monitor.metrics.OutcomeSample;
import dev.flywheel.monitor.metrics.OutcomeWindow;
import dev.flywheel.monitor.metrics.QualityMetrics;

/**
 * The demo spec with a fixed policy ({@link DemoSpec#cardFraudWithFixedPolicy()}): average precision,
 * minOutcomes 500, minPositives 20, minimum 0.35, maxDropFromBaseline 0.2, cooldown 10m.
 */
class AccuracyWatchTest {

    private static final PipelineSpec SPEC = DemoSpec.cardFraudWithFixedPolicy();
    private static final AccuracyPolicy POLICY = SPEC.monitoring().accuracy();
    private static final int MIN = SPEC.monitoring().minOutcomes();
    private static final int MIN_POSITIVES = SPEC.monitoring().minPositives();
    private static final Duration COOLDOWN = SPEC.monitoring().retraining().cooldown();
    private static final int WINDOW = 1000;
    private static final double BASELINE = 0.8;
    private static final Instant PROMOTED = Instant.parse("2024-06-01T08:00:00Z");
    private static final Instant NOW = PROMOTED.plus(Duration.ofHours(1));
    private static final Instant EVENTS = Instant.parse("2018-05-01T00:00:00Z");

    private final Random random = new Random(42);
    private final AccuracyWatch watch = new AccuracyWatch(SPEC, QualityMetrics.of(SPEC), WINDOW);
    private final OutcomeWindow window = new OutcomeWindow(20_000);
    private int added;

    @Test
    void theSampleIsTheLatestWindowOfOutcomes() {
        assertThat(watch.sampleSize()).isEqualTo(Math.max(MIN, WINDOW));
    }

    @Test
    void aBadModelIsNotJudgedBelowMinOutcomes() {
        // Given a useless model (random scores) with enough positives among its outcomes
        addRandom(MIN - 1, 0.1);
        assertThat(window.latest(MIN).positives()).isGreaterThanOrEqualTo(MIN_POSITIVES);

        // Then with one outcome short of minOutcomes nothing is reported
        assertThat(check("1", NOW)).isEmpty();

        // and with minOutcomes it is
        addRandom(1, 0.1);
        assertThat(check("1", NOW)).isPresent();
    }

    @Test
    void aModelIsNotJudgedWithoutAPositive() {
        // Given more than enough outcomes, all negative, scored as badly as possible
        for (int i = 0; i < MIN * 2; i++) {
            add(random.nextDouble(), 0.0);
        }

        assertThat(check("1", NOW)).isEmpty();
    }

    @Test
    void aBadModelIsJudgedOnlyOnceItsOutcomesHoldMinPositives() {
        // Given a useless model whose outcomes bring one positive every 250 (0.4 %)
        List<Integer> reportedAt = new ArrayList<>();
        List<DriftDetected> reports = new ArrayList<>();
        for (int i = 0; i < 20 * 250; i++) {
            add(random.nextDouble(), i % 250 == 249 ? 1.0 : 0.0);
            // When the watch judges after each outcome
            check("1", NOW).ifPresent(drift -> {
                reportedAt.add(added);
                reports.add(drift);
            });
        }

        // Then nothing is judged on 19 positives in 4,999 outcomes, far more than minOutcomes; the drift is
        // reported at the 20th positive, over the outcomes back to the first one
        assertThat(MIN_POSITIVES).isEqualTo(20);
        assertThat(reportedAt).containsExactly(20 * 250);
        DriftDetected drift = reports.get(0);
        assertThat(drift.details()).containsEntry("outcomes", (double) (19 * 250 + 1))
                .containsEntry("positives", (double) MIN_POSITIVES);
        assertThat(drift.windowStart()).isEqualTo(EVENTS.plusSeconds(249));
    }

    @Test
    void theJudgedSampleIsTheSmallestRunOfLatestOutcomesHoldingMinPositives() {
        // Given a useless model at the demo's 0.8 % fraud rate: every 125th outcome positive, 5,000 outcomes
        for (int i = 0; i < 5000; i++) {
            add(random.nextDouble(), i % 125 == 0 ? 1.0 : 0.0);
        }
        assertThat(window.latest(WINDOW).positives()).as("the latest window alone holds 8").isEqualTo(8);

        // When judged
        DriftDetected drift = check("1", NOW).orElseThrow();

        // Then the sample reaches back to the 20th positive from the end, outcome 2,500, and no further
        OutcomeSample smallest = window.latest(2500);
        assertThat(smallest.positives()).isEqualTo(MIN_POSITIVES);
        assertThat(window.latest(2499).positives()).isEqualTo(MIN_POSITIVES - 1);
        assertThat(drift.details()).containsEntry("outcomes", 2500.0).containsEntry("positives", (double) MIN_POSITIVES);
        assertThat(drift.windowStart()).isEqualTo(EVENTS.plusSeconds(2500));
        assertThat(drift.observed()).isEqualTo(BinaryMetrics.averagePrecision(smallest.scores(), smallest.labels()));
    }

    @Test
    void driftIsReportedExactlyWhenThePolicySaysAndOnlyOnce() {
        // Given a good model that turns useless, outcome by outcome
        addGood(WINDOW);
        List<Integer> unacceptableAt = new ArrayList<>();
        List<Integer> reportedAt = new ArrayList<>();
        for (int i = 0; i < 3 * WINDOW; i++) {
            addRandom(1, 0.1);
            // When the watch judges after each outcome
            Optional<DriftDetected> drift = check("1", NOW);
            // the policy's verdict on the same outcomes
            OutcomeSample sample = window.latest(watch.sampleSize());
            if (!POLICY.isAcceptable(BinaryMetrics.averagePrecision(sample.scores(), sample.labels()), BASELINE)) {
                unacceptableAt.add(i);
            }
            drift.ifPresent(reported -> reportedAt.add(added));
        }

        // Then it is reported once, at the first outcome the policy refuses
        assertThat(unacceptableAt).isNotEmpty();
        assertThat(reportedAt).containsExactly(WINDOW + unacceptableAt.get(0) + 1);
    }

    @Test
    void theReportNamesTheMetricItsLimitAndTheJudgedWindow() {
        addGood(WINDOW);
        addRandom(WINDOW, 0.1);

        DriftDetected drift = check("1", NOW).orElseThrow();

        assertThat(drift.kind()).isEqualTo(DriftDetected.Kind.ACCURACY);
        assertThat(drift.pipeline()).isEqualTo(SPEC.name());
        assertThat(drift.modelVersion()).isEqualTo("1");
        assertThat(drift.metric()).isEqualTo("average_precision");
        assertThat(drift.baseline()).isEqualTo(BASELINE);
        // the stricter of minimum 0.35 and 80 % of the 0.8 baseline
        assertThat(drift.threshold()).isCloseTo(Math.max(POLICY.minimum().getAsDouble(),
                BASELINE * (1 - POLICY.maxDropFromBaseline())), within(1e-12));
        OutcomeSample judged = window.latest(WINDOW);
        assertThat(drift.observed()).isEqualTo(BinaryMetrics.averagePrecision(judged.scores(), judged.labels()));
        assertThat(drift.observed()).isLessThan(drift.threshold());
        assertThat(drift.details()).containsEntry("outcomes", (double) WINDOW)
                .containsEntry("positives", (double) judged.positives());
        assertThat(drift.windowStart()).isEqualTo(judged.firstEventTime());
        assertThat(drift.windowEnd()).isEqualTo(EVENTS.plusSeconds(added - 1));
        assertThat(drift.detectedAt()).isEqualTo(NOW);
    }

    @Test
    void aStillBadModelIsReportedAgainOnlyAfterTheCooldown() {
        addRandom(MIN, 0.1);
        assertThat(check("1", NOW)).isPresent();

        assertThat(check("1", NOW.plus(COOLDOWN).minusSeconds(1))).isEmpty();
        assertThat(check("1", NOW.plus(COOLDOWN))).isPresent();
    }

    @Test
    void aNewlyPromotedVersionIsJudgedAfreshWithinTheCooldown() {
        addRandom(MIN, 0.1);
        assertThat(check("1", NOW)).isPresent();

        // version 2 is promoted a minute later and is bad too
        Instant promoted2 = NOW.plusSeconds(60);
        assertThat(watch.check("2", promoted2, window, BASELINE, promoted2.plusSeconds(1))).isPresent();
        // and version 1, promoted back, is judged again as a new stint
        Instant promotedBack = promoted2.plusSeconds(60);
        assertThat(watch.check("1", promotedBack, window, BASELINE, promotedBack.plusSeconds(1))).isPresent();
    }

    @Test
    void driftReportedByAnEarlierRunIsNotRepeated() {
        addRandom(MIN, 0.1);
        watch.remember(new DriftDetected("d-1", 1, SPEC.name(), "1", DriftDetected.Kind.ACCURACY, "average_precision",
                0.1, 0.64, BASELINE, EVENTS, EVENTS, NOW.minusSeconds(60), null));

        assertThat(check("1", NOW)).isEmpty();
    }

    @Test
    void withoutABaselineOnlyTheAbsoluteMinimumApplies() {
        // Given outcomes whose average precision is between the minimum (0.35) and 80 % of a 0.8 baseline
        addGood(MIN);
        addRandom(MIN / 2, 0.5);
        OutcomeSample sample = window.latest(watch.sampleSize());
        double live = BinaryMetrics.averagePrecision(sample.scores(), sample.labels());
        assertThat(live).isBetween(POLICY.minimum().getAsDouble(), BASELINE * (1 - POLICY.maxDropFromBaseline()));

        assertThat(watch.check("1", PROMOTED, window, Double.NaN, NOW)).isEmpty();
        assertThat(watch.check("1", PROMOTED, window, BASELINE, NOW)).isPresent();
    }

    private Optional<DriftDetected> check(String version, Instant now) {
        return watch.check(version, PROMOTED, window, BASELINE, now);
    }

    /** A perfect ranking: positives 0.9, negatives 0.1; a tenth of them positive. */
    private void addGood(int n) {
        for (int i = 0; i < n; i++) {
            boolean positive = random.nextDouble() < 0.1;
            add(positive ? 0.9 : 0.1, positive ? 1.0 : 0.0);
        }
    }

    /** Scores that know nothing of the labels. */
    private void addRandom(int n, double positiveRate) {
        for (int i = 0; i < n; i++) {
            add(random.nextDouble(), random.nextDouble() < positiveRate ? 1.0 : 0.0);
        }
    }

    private void add(double score, double label) {
        Instant eventTime = EVENTS.plusSeconds(added++);
        window.add(new OutcomeObserved("o-" + added, 1, SPEC.name(), "p-" + added, "e-" + added, "1", score,
                score >= 0.5, label, eventTime, eventTime, eventTime.plus(Duration.ofDays(7))));
    }
}
