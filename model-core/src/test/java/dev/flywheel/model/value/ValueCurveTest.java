package dev.flywheel.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.CostMatrix;
import dev.flywheel.contracts.spec.OutcomeValue;
import dev.flywheel.contracts.spec.RunningCosts;

/** The value curve, the value-maximising threshold and the ROI arithmetic on rows small enough to add by hand. */
class ValueCurveTest {

    /** A missed fraud loses its amount; every alarm costs a review of 5; a caught fraud saves its amount. */
    private static final CostMatrix FRAUD = new CostMatrix(Optional.of("amount"),
            new OutcomeValue(-5, 0), new OutcomeValue(-5, 0), new OutcomeValue(0, -1), OutcomeValue.NOTHING);

    private static final ValuedRows ROWS = new ValuedRows(
            new double[] {0.9, 0.8, 0.6, 0.4, 0.2},
            new double[] {1, 0, 1, 0, 1},
            new double[] {100, 50, 20, 30, 3},
            new long[] {0, 43_200, 86_400, 129_600, 172_800});

    @Test
    void valueAtEachCutAndTheBestOne() {
        // Given five rows (score, label, amount): (.9,1,100) (.8,0,50) (.6,1,20) (.4,0,30) (.2,1,3)
        // When
        ValueCurve curve = ValueCurve.of(FRAUD, ROWS);

        // Then flag nothing: -(100 + 20 + 3)         = -123
        //      t=.9: -5 (caught) - 20 - 3             = -28
        //      t=.8: -5 - 5 (false alarm) - 20 - 3    = -33
        //      t=.6: -5 - 5 - 5 - 3                   = -18   <- best
        //      t=.4: -5 - 5 - 5 - 5 - 3               = -23
        //      t=.2: -5 * 5                           = -25   (catching the 3.00 fraud costs 5 to save 3)
        assertThat(curve.nothing().value()).isEqualTo(-123);
        assertThat(curve.points()).extracting(ValuePoint::threshold).containsExactly(0.9, 0.8, 0.6, 0.4, 0.2);
        assertThat(curve.points()).extracting(ValuePoint::value).containsExactly(-28.0, -33.0, -18.0, -23.0, -25.0);
        assertThat(curve.best()).isEqualTo(new ValuePoint(0.6, -18, 3, 2));
        assertThat(curve.at(0.5).value()).isEqualTo(-18);
        assertThat(curve.at(0.95).value()).isEqualTo(-123);
    }

    @Test
    void tiedScoresAreFlaggedTogether() {
        // Given constant values: a true alarm +10, a false alarm -4, a miss -10; two rows tie at 0.7
        CostMatrix constant = new CostMatrix(Optional.empty(), new OutcomeValue(10, 0), new OutcomeValue(-4, 0),
                new OutcomeValue(-10, 0), OutcomeValue.NOTHING);
        ValuedRows rows = new ValuedRows(new double[] {0.7, 0.7, 0.1}, new double[] {1, 0, 0},
                new double[] {Double.NaN, Double.NaN, Double.NaN}, new long[] {0, 0, 0});

        // When
        ValueCurve curve = ValueCurve.of(constant, rows);

        // Then nothing: -10; t=.7: +10 - 4 = 6; t=.1: 10 - 4 - 4 = 2; the tie is one point
        assertThat(curve.nothing().value()).isEqualTo(-10);
        assertThat(curve.points()).containsExactly(new ValuePoint(0.7, 6, 2, 1), new ValuePoint(0.1, 2, 3, 1));
        assertThat(curve.best().threshold()).isEqualTo(0.7);
    }

    @Test
    void doingNothingWinsWhenEveryAlarmLoses() {
        // Given alarms that cost more than the frauds they catch: review 5, frauds of 1 and 2
        ValuedRows rows = new ValuedRows(new double[] {0.9, 0.5}, new double[] {1, 1}, new double[] {1, 2},
                new long[] {0, 60});

        // When
        ValueCurve curve = ValueCurve.of(FRAUD, rows);

        // Then nothing: -3; t=.9: -5 - 2 = -7; t=.5: -10: the best is to flag nothing, above every score
        assertThat(curve.best()).isEqualTo(curve.nothing());
        assertThat(curve.best().value()).isEqualTo(-3);
        assertThat(curve.best().threshold()).isGreaterThan(1.0);
    }

    @Test
    void businessCaseAgainstNothingAndTheRule() {
        // Given the rows over 2 days (first at 0 s, last at 172,800 s), the rule "amount > 60" flagging only row 0,
        // serving 1 CPU at 0.05/h (1.20/day) and a 30-minute run on 2 CPUs every 6 h (1 CPU-h * 0.05 * 4 = 0.20)
        ValueCurve curve = ValueCurve.of(FRAUD, ROWS);
        double rule = BusinessCase.ruleValue(FRAUD, ROWS.withScores(new double[] {1, 0, 0, 0, 0}));
        double running = RunningCost.perDay(new RunningCosts(0.05, 1), Duration.ofMinutes(30), 2,
                Optional.of(Duration.ofHours(6)));

        // When
        BusinessCase business = BusinessCase.of(curve, curve.best().threshold(), OptionalDouble.of(rule),
                ROWS.spanDays(), running);

        // Then rule: -5 - 20 - 3 = -28 (-14/day); model at .6: -18 (-9/day); nothing: -123 (-61.5/day)
        //      net vs nothing:  -9 + 61.5 - 1.4 = 51.1, ROI 51.1 / 1.4 = 36.5
        //      net vs the rule: -9 + 14   - 1.4 = 3.6,  ROI 3.6 / 1.4  = 2.5714
        assertThat(rule).isEqualTo(-28);
        assertThat(running).isCloseTo(1.4, within(1e-9));
        assertThat(business.spanDays()).isEqualTo(2);
        assertThat(business.valuePerDay()).isEqualTo(-9);
        assertThat(business.nothingPerDay()).isEqualTo(-61.5);
        assertThat(business.baselinePerDay()).hasValue(-14);
        assertThat(business.netVsNothingPerDay()).isCloseTo(51.1, within(1e-9));
        assertThat(business.netVsBaselinePerDay().getAsDouble()).isCloseTo(3.6, within(1e-9));
        assertThat(business.roiVsNothing().getAsDouble()).isCloseTo(36.5, within(1e-9));
        assertThat(business.roiVsBaseline().getAsDouble()).isCloseTo(2.5714, within(1e-4));
    }

    @Test
    void withoutRunningCostsThereIsNoRatio() {
        // Given / When
        ValueCurve curve = ValueCurve.of(FRAUD, ROWS);
        BusinessCase business = BusinessCase.of(curve, 0.6, OptionalDouble.empty(), 2, 0);

        // Then net = -9 + 61.5 = 52.5; no rule, no cost: no ROI
        assertThat(business.netVsNothingPerDay()).isEqualTo(52.5);
        assertThat(business.roiVsNothing()).isEmpty();
        assertThat(business.baselinePerDay()).isEmpty();
    }

    @Test
    void chartPointsSpanTheUnitIntervalAndHoldTheBest() {
        // Given / When
        var chart = ValueCurve.of(FRAUD, ROWS).forChart(11);

        // Then 11 grid points (0, .1, ..., 1) plus the best (.6), sorted; t=0 flags all (-25), t=1 flags none (-123)
        assertThat(chart).hasSize(12);
        assertThat(chart.get(0).value()).isEqualTo(-25);
        assertThat(chart.get(chart.size() - 1).value()).isEqualTo(-123);
        assertThat(chart).anySatisfy(p -> assertThat(p).isEqualTo(new ValuePoint(0.6, -18, 3, 2)));
    }
}
