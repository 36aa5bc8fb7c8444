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

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.flywheel.contracts.event.OutcomeObserved;
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
 * Realised value per (pipeline, model version): consumes outcomes (decision, label, amount) of pipelines with a
 * {@code business} section, values each by the spec's cost matrix over the latest {@code quality.window} outcomes,
 * and produces {@link RealisedValue} (against doing nothing on the same outcomes, less running cost, beside the
 * training run's expectation from {@link ServedModels}) and the gauges
 * {@code flywheel_monitor_value_per_day{pipeline,model_version,kind=realised|nothing|net|expected}} and
 * {@code flywheel_monitor_roi_negative{pipeline,model_version}}. Keeps {@code quality.versions} versions a pipeline.
 */
@Singleton
public class ValueLedger {

    /** A slice shorter than this still counts as this long, so a handful of outcomes is not blown up to a day. */
    static final double MIN_SPAN_DAYS = 1.0 / 24;

    /** Registry metric keys written by training (its {@code ValueReport}). */
    static final String EXPECTED_PER_DAY = "expected_value_per_day";
    static final String EXPECTED_NET_PER_DAY = "net_value_vs_nothing_per_day";
    static final String RULE_PER_DAY = "baseline_value_per_day";
    static final String RUNNING_COST_PER_DAY = "running_cost_per_day";

    private final Map<String, PipelineSpec> specs = new LinkedHashMap<>();
    private final ServedModels served;
    private final MeterRegistry registry;
    private final int window;
    private final int versionsKept;
    private final Map<String, LinkedHashMap<String, Account>> accounts = new ConcurrentHashMap<>();

    @Inject
    public ValueLedger(PipelineCatalog catalog, ServedModels served, MonitorConfig config, MeterRegistry registry) {
        this(catalog.all(), served, config.quality().window(), config.quality().versions(), registry);
    }

    public ValueLedger(Iterable<PipelineSpec> specs, ServedModels served, int window, int versionsKept,
                       MeterRegistry registry) {
        specs.forEach(spec -> spec.business().ifPresent(business -> this.specs.put(spec.name(), spec)));
        this.served = served;
        this.window = window;
        this.versionsKept = versionsKept;
        this.registry = registry;
    }

    public boolean values(String pipeline) {
        return specs.containsKey(pipeline);
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
        LinkedHashMap<String, Account> ofPipeline = accounts.computeIfAbsent(outcome.pipeline(),
                p -> new LinkedHashMap<>(8, 0.75f, true));
        Account account;
        synchronized (ofPipeline) {
            account = ofPipeline.computeIfAbsent(outcome.modelVersion(), v -> new Account(spec, v));
            evictBeyondLimit(ofPipeline);
        }
        account.add(outcome.eventTime().getEpochSecond(), value, nothing, positive);
    }

    /** The realised value of a version; empty without valued outcomes of it. */
    public Optional<RealisedValue> realised(String pipeline, String version) {
        LinkedHashMap<String, Account> ofPipeline = accounts.get(pipeline);
        if (ofPipeline == null) {
            return Optional.empty();
        }
        Account account;
        synchronized (ofPipeline) {
            // get() on an access-ordered map counts as access; a read must not change which version is evicted
            account = ofPipeline.values().stream().filter(a -> a.version.equals(version)).findFirst().orElse(null);
        }
        return account == null ? Optional.empty() : Optional.of(account.realised());
    }

    /** Every version of a pipeline with valued outcomes, least recently fed first. */
    public List<RealisedValue> realised(String pipeline) {
        LinkedHashMap<String, Account> ofPipeline = accounts.get(pipeline);
        if (ofPipeline == null) {
            return List.of();
        }
        List<Account> copy;
        synchronized (ofPipeline) {
            copy = new ArrayList<>(ofPipeline.values());
        }
        return copy.stream().map(Account::realised).toList();
    }

    /** The training run's figures of a version, read from its registered metrics. */
    public ExpectedValue expected(String pipeline, String version) {
        return new ExpectedValue(version, served.registered(pipeline, version, EXPECTED_PER_DAY),
                served.registered(pipeline, version, EXPECTED_NET_PER_DAY),
                served.registered(pipeline, version, RULE_PER_DAY),
                served.registered(pipeline, version, RUNNING_COST_PER_DAY));
    }

    private void evictBeyondLimit(LinkedHashMap<String, Account> ofPipeline) {
        Iterator<Account> oldestFirst = ofPipeline.values().iterator();
        while (ofPipeline.size() > versionsKept && oldestFirst.hasNext()) {
            Account evicted = oldestFirst.next();
            oldestFirst.remove();
            evicted.meters.forEach(registry::remove);
        }
    }

    /** One version's latest valued outcomes with running sums. */
    private final class Account {
        private final PipelineSpec spec;
        private final String version;
        /** {event epoch second, value, nothing, positive 1/0} of the latest outcomes, oldest first. */
        private final ArrayDeque<double[]> latest = new ArrayDeque<>();
        private final List<Meter> meters = new ArrayList<>();
        private double value;
        private double nothing;
        private int positives;

        Account(PipelineSpec spec, String version) {
            this.spec = spec;
            this.version = version;
            Tags tags = Tags.of("pipeline", spec.name(), "model_version", version);
            gauge(tags.and("kind", "realised"), RealisedValue::realisedPerDay);
            gauge(tags.and("kind", "nothing"), RealisedValue::nothingPerDay);
            gauge(tags.and("kind", "net"), RealisedValue::netPerDay);
            gauge(tags.and("kind", "expected"), r -> r.expectedPerDay() == null ? Double.NaN : r.expectedPerDay());
            meters.add(Gauge.builder("flywheel.monitor.roi.negative", this, a -> a.realised().roiNegative() ? 1 : 0)
                    .tags(tags).description("1 when the version's realised value, net of running cost, is below doing"
                            + " nothing's").register(registry));
        }

        private void gauge(Tags tags, java.util.function.ToDoubleFunction<RealisedValue> figure) {
            meters.add(Gauge.builder("flywheel.monitor.value.per.day", this, a -> figure.applyAsDouble(a.realised()))
                    .tags(tags).description("Value per day of a model version's decisions over its latest outcomes")
                    .register(registry));
        }

        synchronized void add(long epochSecond, double outcomeValue, double nothingValue, boolean positive) {
            latest.addLast(new double[] {epochSecond, outcomeValue, nothingValue, positive ? 1 : 0});
            value += outcomeValue;
            nothing += nothingValue;
            positives += positive ? 1 : 0;
            if (latest.size() > window) {
                double[] dropped = latest.removeFirst();
                value -= dropped[1];
                nothing -= dropped[2];
                positives -= (int) dropped[3];
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
            Double running = served.registered(p, version, RUNNING_COST_PER_DAY);
            double runningPerDay = running != null ? running : spec.business().orElseThrow().running().servingPerDay();
            double realisedPerDay = value / span;
            double nothingPerDay = nothing / span;
            double net = realisedPerDay - nothingPerDay - runningPerDay;
            boolean judged = latest.size() >= spec.monitoring().minOutcomes()
                    && positives >= spec.monitoring().minPositives();
            return new RealisedValue(p, version, latest.size(), positives,
                    latest.isEmpty() ? null : Instant.ofEpochSecond(first),
                    latest.isEmpty() ? null : Instant.ofEpochSecond(last), span, realisedPerDay, nothingPerDay,
                    runningPerDay, net, served.registered(p, version, EXPECTED_PER_DAY),
                    served.registered(p, version, EXPECTED_NET_PER_DAY), served.registered(p, version, RULE_PER_DAY),
                    judged, judged && net < 0);
        }
    }
}
