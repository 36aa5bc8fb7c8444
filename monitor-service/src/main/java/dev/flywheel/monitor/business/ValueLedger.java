package dev.flywheel.monitor.business;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.OutcomeObserved;
import dev.flywheel.contracts.event.PredictionMade;
import dev.flywheel.contracts.spec.BaselineRule;
import dev.flywheel.contracts.spec.BusinessSpec;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.monitor.config.MonitorConfig;
import dev.flywheel.monitor.drift.ServedModels;
import dev.flywheel.runtime.PipelineCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Realised value per (pipeline, model version) of the champion, the challenger scored in shadow and the rule
 * baseline, on the same outcomes. Consumes predictions (through {@link LiveDecisions}: the rule's decision on a served
 * prediction's features, a shadow challenger's decision) and outcomes (decision, label, amount) of pipelines with a
 * {@code business} section; values each outcome by the spec's cost matrix for the served decision, for the rule's and
 * for the challenger's decision on the same event, over the latest {@code quality.window} outcomes; and produces
 * {@link RealisedValue} (against doing nothing on the same outcomes, less running cost, beside the training run's
 * expectation from {@link ServedModels}), the side-by-side {@link #compare} and the gauges
 * {@code flywheel_monitor_value_per_day{pipeline,model_version,kind}} (kind {@code realised}, {@code nothing},
 * {@code net}, {@code expected}, {@code rule} for a served version; {@code shadow_realised}, {@code shadow_net} for a
 * challenger's shadow decisions) and {@code flywheel_monitor_roi_negative{pipeline,model_version}}. Keeps
 * {@code quality.versions} accounts a pipeline.
 */
@Singleton
public class ValueLedger {

    /** A slice shorter than this still counts as this long, so a handful of outcomes is not blown up to a day. */
    static final double MIN_SPAN_DAYS = 1.0 / 24;
    /** Events whose rule and shadow decisions are remembered, by default, until their outcome arrives. */
    static final int DEFAULT_DECISIONS = 100_000;

    /** Registry metric keys written by training (its {@code ValueReport}). */
    static final String EXPECTED_PER_DAY = "expected_value_per_day";
    static final String EXPECTED_NET_PER_DAY = "net_value_vs_nothing_per_day";
    static final String RULE_PER_DAY = "baseline_value_per_day";
    static final String NOTHING_PER_DAY = "nothing_value_per_day";
    static final String RUNNING_COST_PER_DAY = "running_cost_per_day";

    private final Map<String, PipelineSpec> specs = new LinkedHashMap<>();
    private final Map<String, LiveDecisions> decisions = new LinkedHashMap<>();
    private final ServedModels served;
    private final MeterRegistry registry;
    private final int window;
    private final int versionsKept;
    /** Per pipeline, accounts by {@link #key(String, String)}, least recently fed first. */
    private final Map<String, LinkedHashMap<String, Account>> accounts = new ConcurrentHashMap<>();

    @Inject
    public ValueLedger(PipelineCatalog catalog, ServedModels served, MonitorConfig config, MeterRegistry registry) {
        this(catalog.all(), served, config.quality().window(), config.quality().versions(),
                config.business().decisions(), registry);
    }

    public ValueLedger(Iterable<PipelineSpec> specs, ServedModels served, int window, int versionsKept,
                       MeterRegistry registry) {
        this(specs, served, window, versionsKept, DEFAULT_DECISIONS, registry);
    }

    public ValueLedger(Iterable<PipelineSpec> specs, ServedModels served, int window, int versionsKept,
                       int decisionsKept, MeterRegistry registry) {
        specs.forEach(spec -> spec.business().ifPresent(business -> {
            this.specs.put(spec.name(), spec);
            this.decisions.put(spec.name(), new LiveDecisions(spec, decisionsKept));
        }));
        this.served = served;
        this.window = window;
        this.versionsKept = versionsKept;
        this.registry = registry;
    }

    public boolean values(String pipeline) {
        return specs.containsKey(pipeline);
    }

    /**
     * Whether a shadow challenger's decision on the event is known, i.e. its shadow prediction has been read: the
     * feed reads predictions and outcomes from different partitions, so an outcome read first values the served
     * decision only. Tests wait on it before labelling a backlog.
     */
    public boolean knowsChallengerOn(String pipeline, String eventId) {
        LiveDecisions book = decisions.get(pipeline);
        return book != null && book.of(eventId).map(known -> known.challengerVersion() != null).orElse(false);
    }

    /** A served prediction (the rule is evaluated on its features) or a shadow one (the challenger's decision). */
    public void onPrediction(PredictionMade prediction) {
        LiveDecisions book = prediction.pipeline() == null ? null : decisions.get(prediction.pipeline());
        if (book != null) {
            book.onPrediction(prediction);
        }
    }

    public void onOutcome(OutcomeObserved outcome) {
        PipelineSpec spec = specs.get(outcome.pipeline());
        if (spec == null || outcome.eventTime() == null) {
            return;
        }
        BusinessSpec business = spec.business().orElseThrow();
        double amount = outcome.amount() == null ? Double.NaN : outcome.amount();
        boolean positive = outcome.label() == 1.0;
        double value = business.costs().value(outcome.decision(), positive, amount);
        double nothing = business.costs().value(false, positive, amount);
        if (!Double.isFinite(value) || !Double.isFinite(nothing)) {
            // An amount-based outcome without its amount (an outcome joined before amounts were carried) is not valued.
            return;
        }
        LiveDecisions.Decisions others = decisions.get(spec.name()).of(outcome.sourceEventId())
                .orElse(LiveDecisions.Decisions.NONE);
        double rule = others.rule() == null ? Double.NaN : business.costs().value(others.rule(), positive, amount);
        long second = outcome.eventTime().getEpochSecond();
        account(spec, RealisedValue.SERVED, outcome.modelVersion()).add(second, value, nothing, rule, positive);
        if (others.challenger() != null && !others.challengerVersion().equals(outcome.modelVersion())) {
            double shadow = business.costs().value(others.challenger(), positive, amount);
            account(spec, RealisedValue.SHADOW, others.challengerVersion()).add(second, shadow, nothing, rule, positive);
        }
    }

    private Account account(PipelineSpec spec, String role, String version) {
        LinkedHashMap<String, Account> ofPipeline = accounts.computeIfAbsent(spec.name(),
                p -> new LinkedHashMap<>(8, 0.75f, true));
        synchronized (ofPipeline) {
            Account account = ofPipeline.computeIfAbsent(key(role, version), k -> new Account(spec, role, version));
            evictBeyondLimit(ofPipeline);
            return account;
        }
    }

    private static String key(String role, String version) {
        return role + '\u0000' + version;
    }

    /** The realised value of a version's served decisions; empty without valued outcomes of it. */
    public Optional<RealisedValue> realised(String pipeline, String version) {
        return find(pipeline, RealisedValue.SERVED, version).map(Account::realised);
    }

    /** The realised value of a challenger's shadow decisions; empty without any valued. */
    public Optional<RealisedValue> shadow(String pipeline, String version) {
        return find(pipeline, RealisedValue.SHADOW, version).map(Account::realised);
    }

    private Optional<Account> find(String pipeline, String role, String version) {
        LinkedHashMap<String, Account> ofPipeline = accounts.get(pipeline);
        if (ofPipeline == null) {
            return Optional.empty();
        }
        String key = key(role, version);
        synchronized (ofPipeline) {
            // get() on an access-ordered map counts as access; a read must not change which account is evicted
            return ofPipeline.entrySet().stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue)
                    .findFirst();
        }
    }

    /** Every account of a pipeline with valued outcomes (served and shadow), least recently fed first. */
    public List<RealisedValue> realised(String pipeline) {
        return accounts(pipeline).stream().map(Account::realised).toList();
    }

    private List<Account> accounts(String pipeline) {
        LinkedHashMap<String, Account> ofPipeline = accounts.get(pipeline);
        if (ofPipeline == null) {
            return List.of();
        }
        synchronized (ofPipeline) {
            return new ArrayList<>(ofPipeline.values());
        }
    }

    /** The training run's figures of a version, read from its registered metrics. */
    public ExpectedValue expected(String pipeline, String version) {
        return new ExpectedValue(version, served.registered(pipeline, version, EXPECTED_PER_DAY),
                served.registered(pipeline, version, EXPECTED_NET_PER_DAY),
                served.registered(pipeline, version, RULE_PER_DAY),
                served.registered(pipeline, version, RUNNING_COST_PER_DAY),
                served.registered(pipeline, version, NOTHING_PER_DAY));
    }

    /**
     * The champion, the challenger and the rule baseline side by side: expected (the registry's figures of the
     * version's training run) and realised value per day, net and ROI. The challenger is the version most recently
     * valued in shadow other than the champion, else {@code latestRegistered} when it is not the champion (expected
     * figures only: nothing shadows it). The rule is expected on the champion's held-out slice and realised on the
     * champion's outcomes. Empty for a pipeline without a {@code business} section or before a champion.
     */
    public List<RoleValue> compare(String pipeline, String champion, String latestRegistered) {
        PipelineSpec spec = specs.get(pipeline);
        if (spec == null || champion == null) {
            return List.of();
        }
        List<RoleValue> roles = new ArrayList<>();
        RealisedValue served = realised(pipeline, champion).orElse(null);
        roles.add(modelRole(RoleValue.CHAMPION, pipeline, champion, served,
                "its decisions on the outcomes of its served predictions"));

        List<Account> known = accounts(pipeline);
        String shadowed = null;
        for (Account account : known) {
            if (account.role.equals(RealisedValue.SHADOW) && !account.version.equals(champion)) {
                shadowed = account.version; // least recently fed first: the last one wins
            }
        }
        if (shadowed != null) {
            roles.add(modelRole(RoleValue.CHALLENGER, pipeline, shadowed, shadow(pipeline, shadowed).orElse(null),
                    "its shadow decisions, valued on the champion's outcomes of the same events"));
        } else if (latestRegistered != null && !latestRegistered.equals(champion)) {
            roles.add(modelRole(RoleValue.CHALLENGER, pipeline, latestRegistered, null,
                    "registered, not scored in shadow: no live decision to value"));
        }

        ExpectedValue expected = expected(pipeline, champion);
        Double expectedNet = expected.ruleExpectedPerDay() == null || expected.nothingPerDay() == null ? null
                : expected.ruleExpectedPerDay() - expected.nothingPerDay();
        String rule = spec.model().baseline().map(BaselineRule::text).orElse(null);
        boolean ruleValued = served != null && served.rulePerDay() != null;
        String note = rule == null ? "the spec sets no model.baseline rule"
                : ruleValued ? "'" + rule + "' on the features of " + served.ruleOutcomes() + " of the champion's "
                        + served.outcomes() + " outcomes; it costs nothing to run"
                : "'" + rule + "': no outcome of an event whose served prediction the monitor saw yet";
        roles.add(new RoleValue(RoleValue.RULE, champion, expected.ruleExpectedPerDay(),
                ruleValued ? served.rulePerDay() : null, expectedNet, ruleValued ? served.ruleNetPerDay() : null,
                0.0, null, null, ruleValued ? served.ruleOutcomes() : 0, ruleValued && served.judged(), note));
        return roles;
    }

    private RoleValue modelRole(String role, String pipeline, String version, RealisedValue value, String note) {
        ExpectedValue expected = expected(pipeline, version);
        double running = value != null ? value.runningCostPerDay() : runningCost(specs.get(pipeline), version);
        return new RoleValue(role, version, expected.expectedPerDay(), value == null ? null : value.realisedPerDay(),
                expected.expectedNetPerDay(), value == null ? null : value.netPerDay(), running,
                RoleValue.ratio(expected.expectedNetPerDay(), running), value == null ? null : value.roi(),
                value == null ? 0 : value.outcomes(), value != null && value.judged(),
                value == null && role.equals(RoleValue.CHAMPION) ? "no valued outcome of version " + version + " yet"
                        : note);
    }

    private double runningCost(PipelineSpec spec, String version) {
        Double running = served.registered(spec.name(), version, RUNNING_COST_PER_DAY);
        return running != null ? running : spec.business().orElseThrow().running().servingPerDay();
    }

    private void evictBeyondLimit(LinkedHashMap<String, Account> ofPipeline) {
        // a served and a shadow account per version: twice the versions kept
        Iterator<Account> oldestFirst = ofPipeline.values().iterator();
        while (ofPipeline.size() > 2 * versionsKept && oldestFirst.hasNext()) {
            Account evicted = oldestFirst.next();
            oldestFirst.remove();
            evicted.meters.forEach(registry::remove);
        }
    }

    /** One version's latest valued outcomes in one role, with running sums. */
    private final class Account {
        private final PipelineSpec spec;
        private final String role;
        private final String version;
        /** {event epoch second, value, nothing, positive 1/0, rule value or NaN} of the latest outcomes, oldest first. */
        private final ArrayDeque<double[]> latest = new ArrayDeque<>();
        private final List<Meter> meters = new ArrayList<>();
        private double value;
        private double nothing;
        private int positives;
        private double rule;
        private double nothingWhereRule;
        private int ruleKnown;

        Account(PipelineSpec spec, String role, String version) {
            this.spec = spec;
            this.role = role;
            this.version = version;
            Tags tags = Tags.of("pipeline", spec.name(), "model_version", version);
            if (role.equals(RealisedValue.SERVED)) {
                gauge(tags.and("kind", "realised"), RealisedValue::realisedPerDay);
                gauge(tags.and("kind", "nothing"), RealisedValue::nothingPerDay);
                gauge(tags.and("kind", "net"), RealisedValue::netPerDay);
                gauge(tags.and("kind", "expected"), r -> orNaN(r.expectedPerDay()));
                gauge(tags.and("kind", "rule"), r -> orNaN(r.rulePerDay()));
                meters.add(Gauge.builder("flywheel.monitor.roi.negative", this, a -> a.realised().roiNegative() ? 1 : 0)
                        .tags(tags).description("1 when the version's realised value, net of running cost, is below"
                                + " doing nothing's").register(registry));
            } else {
                gauge(tags.and("kind", "shadow_realised"), RealisedValue::realisedPerDay);
                gauge(tags.and("kind", "shadow_net"), RealisedValue::netPerDay);
            }
        }

        private void gauge(Tags tags, ToDoubleFunction<RealisedValue> figure) {
            meters.add(Gauge.builder("flywheel.monitor.value.per.day", this, a -> figure.applyAsDouble(a.realised()))
                    .tags(tags).description("Value per day of a model version's decisions (or of the rule's, or of"
                            + " its shadow decisions) over its latest outcomes").register(registry));
        }

        synchronized void add(long epochSecond, double outcomeValue, double nothingValue, double ruleValue,
                              boolean positive) {
            latest.addLast(new double[] {epochSecond, outcomeValue, nothingValue, positive ? 1 : 0, ruleValue});
            sum(latest.peekLast(), 1);
            if (latest.size() > window) {
                sum(latest.removeFirst(), -1);
            }
        }

        private void sum(double[] entry, int sign) {
            value += sign * entry[1];
            nothing += sign * entry[2];
            positives += sign * (int) entry[3];
            if (!Double.isNaN(entry[4])) {
                rule += sign * entry[4];
                nothingWhereRule += sign * entry[2];
                ruleKnown += sign;
            }
        }

        synchronized RealisedValue realised() {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (double[] entry : latest) {
                first = Math.min(first, (long) entry[0]);
                last = Math.max(last, (long) entry[0]);
            }
            double span = latest.isEmpty() ? MIN_SPAN_DAYS : Math.max((last - first) / 86_400.0, MIN_SPAN_DAYS);
            String p = spec.name();
            double runningPerDay = runningCost(spec, version);
            double realisedPerDay = value / span;
            double nothingPerDay = nothing / span;
            double net = realisedPerDay - nothingPerDay - runningPerDay;
            // The rule's sums cover only the outcomes it was evaluated on: scaled to all of them.
            double scale = ruleKnown == 0 ? Double.NaN : (double) latest.size() / ruleKnown;
            Double rulePerDay = ruleKnown == 0 ? null : rule / span * scale;
            Double ruleNet = ruleKnown == 0 ? null : (rule - nothingWhereRule) / span * scale;
            boolean judged = latest.size() >= spec.monitoring().minOutcomes()
                    && positives >= spec.monitoring().minPositives();
            return new RealisedValue(p, version, role, latest.size(), positives,
                    latest.isEmpty() ? null : Instant.ofEpochSecond(first),
                    latest.isEmpty() ? null : Instant.ofEpochSecond(last), span, realisedPerDay, nothingPerDay,
                    runningPerDay, net, RoleValue.ratio(net, runningPerDay), ruleKnown, rulePerDay, ruleNet,
                    served.registered(p, version, EXPECTED_PER_DAY), served.registered(p, version, EXPECTED_NET_PER_DAY),
                    served.registered(p, version, RULE_PER_DAY), judged, judged && net < 0);
        }
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
