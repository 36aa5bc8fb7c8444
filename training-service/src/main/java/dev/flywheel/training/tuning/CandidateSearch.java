package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.BaselineRule;
import dev.flywheel.contracts.spec.ModelTask;
import dev.flywheel.model.ConstantModel;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.RuleModel;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.model.TrainingProgress;
import dev.flywheel.training.dataset.Dataset;
import dev.flywheel.training.model.HoldoutEvaluation;

/**
 * Trains every trainable candidate on the training slice, scores each on the held-out slice and keeps the
 * best by the selection metric. A candidate with a search space is tuned first ({@link CandidateTuning}): its
 * winning configuration is the one judged on the held-out slice. A candidate that fails is reported and the
 * others go on. The spec's rule
 * baseline, if any, is scored on the same held-out slice, so the run shows whether the winner beats it. A
 * regression run always has one: the training slice's mean label ({@link ConstantModel}, scikit-learn's
 * {@code DummyRegressor}), the model that has learnt nothing from the features.
 */
public final class CandidateSearch {

    private static final Logger LOG = Logger.getLogger(CandidateSearch.class);

    /** The name the baseline's report carries. */
    public static final String BASELINE = "baseline";

    private CandidateSearch() {
    }

    /** The winner with its held-out metrics. */
    public record Winner(String candidate, String type, TrainedModel model, Map<String, Double> metrics,
                         double score) {
    }

    /**
     * The spec's rule, or a regression's mean, scored on the held-out slice.
     *
     * @param model  a {@link RuleModel} or a {@link ConstantModel}
     * @param text   what it does: the rule, or the constant it predicts
     * @param report status {@code evaluated}, the text as message, its metrics
     * @param score  its selection metric
     */
    public record Baseline(TrainedModel model, String text, CandidateReport report, double score) {
    }

    /**
     * Reports of every candidate (the skipped ones first, then in spec order), the winner if any trained,
     * and the baseline when the spec declares one.
     */
    public record Outcome(List<CandidateReport> reports, Optional<Winner> winner, Optional<Baseline> baseline) {

        /** Whether the winner scores strictly better than the baseline; empty without either. */
        public Optional<Boolean> winnerBeatsBaseline(HoldoutEvaluation evaluation) {
            if (winner.isEmpty() || baseline.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(evaluation.isBetter(winner.get().score(), baseline.get().score()));
        }
    }

    /**
     * Told before each candidate trains, after each of its steps, and as each tuning trial starts and finishes.
     * Tuning trials train in parallel: {@link #onStep} and {@link #onTrial} may be called from several threads.
     */
    public interface Listener extends TrainingProgress {

        void onCandidate(String name, int index, int count);

        default void onTrial(TrialProgress progress) {
        }
    }

    public static Outcome run(CandidatePlan plan, Dataset dataset, HoldoutEvaluation evaluation,
                              Optional<BaselineRule> rule, Listener listener) {
        LabelledMatrix train = dataset.trainMatrix();
        LabelledMatrix test = dataset.testMatrix();
        List<CandidateReport> reports = new ArrayList<>(plan.skipped());
        Optional<Winner> best = Optional.empty();
        long stepsBefore = 0;
        long stepsTotal = plan.totalSteps(train.size());
        int index = 0;
        for (CandidatePlan.Planned planned : plan.trainable()) {
            String name = planned.candidate().name();
            String type = planned.candidate().type().keyword();
            listener.onCandidate(name, ++index, plan.trainable().size());
            long offset = stepsBefore;
            try {
                long started = System.nanoTime();
                TrainedModel model;
                List<TrialReport> trials = List.of();
                Integer bestTrial = null;
                String note = "";
                if (planned.tuning().isPresent()) {
                    CandidateTuning.Result tuned = CandidateTuning.run(planned, train, evaluation, offset, stepsTotal,
                            listener);
                    model = tuned.model();
                    trials = tuned.trials();
                    bestTrial = tuned.best().trial();
                    note = tuned.note();
                } else {
                    model = planned.training().train(train,
                            (done, total, epoch, loss) -> listener.onStep(offset + done, stepsTotal, epoch, loss));
                }
                long millis = planned.tuning().isPresent() ? (System.nanoTime() - started) / 1_000_000
                        : model.duration().toMillis();
                Map<String, Double> metrics;
                try (Scorer scorer = model.scorer()) {
                    metrics = evaluation.metrics(scorer, test);
                }
                double score = evaluation.selectionScore(metrics);
                reports.add(new CandidateReport(name, type, CandidateReport.TRAINED, note, metrics, millis, trials,
                        bestTrial));
                LOG.infof("candidate %s (%s): %s %.4f on %d held-out examples, trained in %d ms", name, type,
                        evaluation.selection().keyword(), score, test.size(), millis);
                if (best.isEmpty() || evaluation.isBetter(score, best.get().score())) {
                    best = Optional.of(new Winner(name, type, model, metrics, score));
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "candidate %s (%s) failed", name, type);
                reports.add(new CandidateReport(name, type, CandidateReport.FAILED, String.valueOf(e.getMessage()),
                        null, 0));
            }
            stepsBefore += planned.steps(train.size());
        }
        Optional<Baseline> baseline = evaluation.task() == ModelTask.REGRESSION
                ? Optional.of(meanBaseline(train, dataset.featureNames(), test, evaluation))
                : rule.map(r -> baseline(r, dataset.featureNames(), test, evaluation));
        return new Outcome(reports, best, baseline);
    }

    /**
     * The rule scored on the held-out slice like any candidate.
     *
     * @param featureNames the columns of {@code test}
     */
    public static Baseline baseline(BaselineRule rule, List<String> featureNames, LabelledMatrix test,
                                    HoldoutEvaluation evaluation) {
        return judged(new RuleModel(rule, featureNames), rule.text(), test, evaluation);
    }

    /** A regression's baseline: the training slice's mean label, scored on the held-out slice like any candidate. */
    public static Baseline meanBaseline(LabelledMatrix train, List<String> featureNames, LabelledMatrix test,
                                        HoldoutEvaluation evaluation) {
        ConstantModel model = ConstantModel.meanOf(train, featureNames);
        return judged(model, model.text(), test, evaluation);
    }

    private static Baseline judged(TrainedModel model, String text, LabelledMatrix test, HoldoutEvaluation evaluation) {
        Map<String, Double> metrics;
        try (Scorer scorer = model.scorer()) {
            metrics = evaluation.metrics(scorer, test);
        }
        double score = evaluation.selectionScore(metrics);
        LOG.infof("baseline '%s': %s %.4f on %d held-out examples", text, evaluation.selection().keyword(), score,
                test.size());
        return new Baseline(model, text, new CandidateReport(BASELINE, model.modelType(), CandidateReport.EVALUATED,
                text, metrics, 0), score);
    }
}
