package dev.flywheel.training;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.simulator.CardTransaction;
import dev.flywheel.simulator.Simulation;
import dev.flywheel.simulator.SimulationConfig;
import dev.flywheel.simulator.TransactionStream;

/**
 * Training examples made from the simulator's card payments, as the feature service would emit them, but
 * with only the features computable from the payment itself (amount, weekend, night); the aggregates of the
 * spec are 0. That is signal enough: the handbook's scenario 1 makes every amount above 220 a fraud.
 */
final class SimulatedExamples {

    private SimulatedExamples() {
    }

    /**
     * Examples of the simulated days {@code [fromDay, toDay)} of a world of 300 cards and 600 terminals: about
     * 560 payments a day, 2.3 % of them frauds (the fixed daily compromises weigh more in a small world).
     */
    static List<ExampleLabelled> days(String pipeline, List<String> featureNames, int fromDay, int toDay) {
        Simulation simulation = new Simulation(SimulationConfig.standard().withPopulation(300, 600).withDays(10)
                .withSeed(7));
        List<ExampleLabelled> examples = new ArrayList<>();
        TransactionStream payments = simulation.transactions(toDay);
        while (payments.hasNext()) {
            CardTransaction payment = payments.next();
            if (payment.txTimeDays() < fromDay) {
                continue;
            }
            examples.add(new ExampleLabelled("example-" + payment.transactionId(), ExampleLabelled.SCHEMA_VERSION,
                    pipeline, payment.transactionId(), payment.txDatetime(), features(payment, featureNames),
                    payment.isFraud() ? 1 : 0, payment.txDatetime().plus(Duration.ofDays(7))));
        }
        return examples;
    }

    private static Map<String, Double> features(CardTransaction payment, List<String> featureNames) {
        ZonedDateTime time = payment.txDatetime().atZone(ZoneOffset.UTC);
        Map<String, Double> features = new LinkedHashMap<>();
        for (String name : featureNames) {
            features.put(name, 0.0);
        }
        features.put("tx_amount", payment.txAmount().doubleValue());
        features.put("tx_during_weekend",
                time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.0 : 0.0);
        features.put("tx_during_night", time.getHour() <= 6 ? 1.0 : 0.0);
        return features;
    }
}
