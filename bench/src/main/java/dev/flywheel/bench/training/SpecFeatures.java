package dev.flywheel.bench.training;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.spec.AggregateFeature;
import dev.flywheel.contracts.spec.FeatureDef;
import dev.flywheel.contracts.spec.FlagFeature;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.ValueFeature;
import dev.flywheel.simulator.CardTransaction;

/**
 * Consumes the simulator's card payments in time order and produces each payment's feature vector as a pipeline
 * spec defines it (the card-fraud pipeline: the handbook's 15 baseline inputs), in the spec's feature order.
 *
 * <p>An offline twin of the feature service's topology for a bench that needs a million vectors in seconds: the
 * topology itself is checked against pandas' handbook values in feature-service's {@code HandbookReferenceTest};
 * this class follows the same window rules. An aggregate over {@code window} with {@code delay} covers the
 * entity's payments with time in {@code (t - delay - window, t - delay]}; with no delay the current payment is
 * included (pandas' {@code rolling('nd')}). Label aggregates read the payment's fraud flag, as the handbook does:
 * with a 7-day delay only labels of week-old payments are used.
 */
final class SpecFeatures {

    /** One past payment of an entity. */
    private record Past(long second, double amount, boolean fraud) {
    }

    private final List<FeatureDef> features;
    private final Map<String, Map<Integer, ArrayDeque<Past>>> historyByEntity = new HashMap<>();
    private final Map<String, Long> horizonSeconds = new HashMap<>();
    private long lastSecond = Long.MIN_VALUE;

    /**
     * @throws IllegalArgumentException naming the first feature this class cannot compute from a card payment
     */
    SpecFeatures(PipelineSpec spec) {
        this.features = spec.features();
        for (FeatureDef feature : features) {
            if (feature instanceof ValueFeature value) {
                amountField(value.name(), value.field());
            } else if (feature instanceof AggregateFeature aggregate) {
                switch (aggregate.kind()) {
                    case COUNT, LABEL_RATE -> { }
                    case AVG -> amountField(aggregate.name(), aggregate.of().orElseThrow());
                    default -> throw new IllegalArgumentException("feature " + aggregate.name() + ": aggregate '"
                            + aggregate.kind().keyword() + "' is not computed by the training bench");
                }
                entity(aggregate.name(), aggregate.by());
                long span = aggregate.window().plus(aggregate.delay()).toSeconds();
                horizonSeconds.merge(aggregate.by(), span, Math::max);
            } else if (!(feature instanceof FlagFeature)) {
                throw new IllegalArgumentException("feature " + feature.name() + ": "
                        + feature.getClass().getSimpleName() + " is not computed by the training bench");
            }
        }
        horizonSeconds.keySet().forEach(entity -> historyByEntity.put(entity, new HashMap<>()));
    }

    int width() {
        return features.size();
    }

    /**
     * The payment's features, then the payment joins its entities' history.
     *
     * @throws IllegalArgumentException when payments arrive out of time order
     */
    double[] next(CardTransaction payment) {
        long now = payment.txDatetime().getEpochSecond();
        if (now < lastSecond) {
            throw new IllegalArgumentException("payment " + payment.transactionId() + " at " + payment.txDatetime()
                    + " arrived after a later one: payments must come in time order");
        }
        lastSecond = now;
        double amount = payment.amountCents() / 100.0;
        double[] vector = new double[features.size()];
        for (int i = 0; i < vector.length; i++) {
            FeatureDef feature = features.get(i);
            if (feature instanceof FlagFeature flag) {
                vector[i] = flag.isSet(payment.txDatetime()) ? 1.0 : 0.0;
            } else if (feature instanceof AggregateFeature aggregate) {
                vector[i] = aggregate(aggregate, payment, now, amount);
            } else {
                vector[i] = amount;
            }
        }
        for (Map.Entry<String, Map<Integer, ArrayDeque<Past>>> entity : historyByEntity.entrySet()) {
            ArrayDeque<Past> history = entity.getValue()
                    .computeIfAbsent(entityId(entity.getKey(), payment), id -> new ArrayDeque<>());
            long oldestKept = now - horizonSeconds.get(entity.getKey());
            while (!history.isEmpty() && history.peekFirst().second() <= oldestKept) {
                history.pollFirst();
            }
            history.addLast(new Past(now, amount, payment.isFraud()));
        }
        return vector;
    }

    private double aggregate(AggregateFeature aggregate, CardTransaction payment, long now, double amount) {
        long delay = aggregate.delay().toSeconds();
        long newest = now - delay;
        long oldestExcluded = newest - aggregate.window().toSeconds();
        int count = 0;
        double sum = 0;
        int frauds = 0;
        for (Past past : historyByEntity.get(aggregate.by()).getOrDefault(entityId(aggregate.by(), payment),
                new ArrayDeque<>())) {
            if (past.second() > oldestExcluded && past.second() <= newest) {
                count++;
                sum += past.amount();
                frauds += past.fraud() ? 1 : 0;
            }
        }
        if (aggregate.delay().equals(Duration.ZERO)) {
            count++;
            sum += amount;
            frauds += payment.isFraud() ? 1 : 0;
        }
        return switch (aggregate.kind()) {
            case COUNT -> count;
            case AVG -> count == 0 ? 0.0 : sum / count;
            case LABEL_RATE -> count == 0 ? 0.0 : frauds / (double) count;
            default -> throw new IllegalStateException("checked in the constructor");
        };
    }

    private static int entityId(String field, CardTransaction payment) {
        return switch (field) {
            case "customer_id" -> payment.customerId();
            case "terminal_id" -> payment.terminalId();
            default -> throw new IllegalStateException("checked in the constructor");
        };
    }

    private static void entity(String feature, String field) {
        if (!field.equals("customer_id") && !field.equals("terminal_id")) {
            throw new IllegalArgumentException("feature " + feature + ": entity '" + field
                    + "' is not a card payment's (customer_id, terminal_id)");
        }
    }

    private static void amountField(String feature, String field) {
        if (!field.equals("tx_amount")) {
            throw new IllegalArgumentException("feature " + feature + ": field '" + field
                    + "' is not a card payment's number (tx_amount)");
        }
    }
}
