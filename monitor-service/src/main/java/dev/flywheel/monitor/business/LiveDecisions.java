package dev.flywheel.monitor.business;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.BaselineRule;
import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * What the rule baseline and a shadow challenger decided for each recent event of one pipeline, so that the outcome
 * of the served prediction (its label and amount) can value their decisions too: outcomes carry neither features nor
 * a challenger's score, and the join pairs a label with the served prediction only. Consumes predictions: a served
 * one gives the rule's decision on the features the served model saw, a shadow one the challenger's decision at its
 * own threshold. Produces, for an event id, its {@link Decisions}.
 *
 * <p>Bounded: the latest {@code capacity} events are kept, first in first out, so a label arriving after that many
 * more events were predicted finds nothing and only the served decision is valued. Thread-safe.
 */
final class LiveDecisions {

    /**
     * @param rule              the rule's decision; null when the spec has no rule or the features lacked one it reads
     * @param challengerVersion the version that scored the event in shadow; null when none did
     * @param challenger        its decision; null when none
     */
    record Decisions(Boolean rule, String challengerVersion, Boolean challenger) {

        static final Decisions NONE = new Decisions(null, null, null);

        Decisions withRule(Boolean decision) {
            return new Decisions(decision, challengerVersion, challenger);
        }

        Decisions withChallenger(String version, boolean decision) {
            return new Decisions(rule, version, decision);
        }
    }

    private final BaselineRule rule;
    private final int capacity;
    private final LinkedHashMap<String, Decisions> byEvent;

    LiveDecisions(PipelineSpec spec, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("flywheel.monitor.business.decisions must be at least 1 but was "
                    + capacity);
        }
        this.rule = spec.model().baseline().orElse(null);
        this.capacity = capacity;
        this.byEvent = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1);
    }

    /** Takes note of a prediction naming its event: the rule's decision for a served one, the challenger's for a shadow one. */
    synchronized void onPrediction(PredictionMade prediction) {
        String event = prediction.sourceEventId();
        if (event == null) {
            return;
        }
        Decisions known = byEvent.getOrDefault(event, Decisions.NONE);
        Decisions updated = prediction.shadow()
                ? known.withChallenger(prediction.modelVersion(), prediction.decision())
                : known.withRule(ruleDecision(prediction.features()).orElse(null));
        byEvent.put(event, updated);
        if (byEvent.size() > capacity) {
            byEvent.remove(byEvent.keySet().iterator().next());
        }
    }

    synchronized Optional<Decisions> of(String event) {
        return event == null ? Optional.empty() : Optional.ofNullable(byEvent.get(event));
    }

    synchronized int size() {
        return byEvent.size();
    }

    /** The rule on a row of features: any {@code or}-group whose comparisons all hold; empty when a feature is missing. */
    Optional<Boolean> ruleDecision(Map<String, Double> features) {
        if (rule == null || features == null) {
            return Optional.empty();
        }
        boolean flagged = false;
        for (var group : rule.anyOf()) {
            boolean all = true;
            for (BaselineRule.Condition condition : group) {
                Double value = features.get(condition.feature());
                if (value == null || value.isNaN()) {
                    return Optional.empty();
                }
                all &= condition.holds(value);
            }
            flagged |= all;
        }
        return Optional.of(flagged);
    }
}
