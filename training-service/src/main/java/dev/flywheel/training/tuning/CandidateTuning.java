package dev.flywheel.training.tuning;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.flywheel.contracts.spec.ModelCandidate;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.ModelFamilies;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.TrainedModel;
import dev.flywheel.model.TrainingProgress;
import dev.flywheel.training.model.HoldoutEvaluation;

/**
 * Tunes one candidate: consumes its {@link TuningPlan} and the training slice; produces a {@link TrialReport} per
 * configuration and the winning configuration fitted on the whole training slice. Trials fit on the earlier part
 * of the training slice and are scored on its later part (the validation fraction), so the held-out slice judges
 * only the winner, as it judges an untuned candidate: choosing among many configurations on the held-out rows
 * would flatter the winner's held-out score.
 */
final class CandidateTuning {

    private static final Logger LOG = Logger.getLogger(CandidateTuning.class);

    private CandidateTuning() {
    }

    /**
     * @param best  the winning trial
     * @param model the winning configuration fitted on the whole training slice, with the resource it reached
     * @param note  how tuning went, for the candidate's report
     */
    record Result(List<TrialReport> trials, TrialReport best, TrainedModel model, String note) {
    }

    /**
     * @param stepsBefore progress steps of the candidates trained before this one
     * @param stepsTotal  progress steps of the whole run
     * @throws IllegalStateException when no trial trained, with every trial's reason
     */
    static Result run(CandidatePlan.Planned planned, LabelledMatrix train, HoldoutEvaluation evaluation,
                      long stepsBefore, long stepsTotal, CandidateSearch.Listener listener) {
        TuningPlan plan = planned.tuning().orElseThrow();
        ModelCandidate candidate = planned.candidate();
        int fitRows = plan.fitRows(train.size());
        LabelledMatrix fit = slice(train, 0, fitRows);
        LabelledMatrix validation = slice(train, fitRows, train.size());
        AtomicLong stepsDone = new AtomicLong(stepsBefore);
        Tracker tracker = new Tracker(candidate.name(), plan, evaluation, listener);
        // Bounded by the cores, and to one for families whose engine trains one model at a time (DJL's PyTorch).
        int parallelism = planned.training().trainsConcurrently()
                ? Math.min(plan.budget().parallelism(), Runtime.getRuntime().availableProcessors()) : 1;
        LOG.infof("tuning candidate %s (%s): %d trials, rungs %s, %d at once, trials fit on %d rows and are scored"
                        + " on the later %d (%d positives)", candidate.name(), candidate.type().keyword(),
                plan.configurations().size(), plan.schedule().rungs(), parallelism, fit.size(), validation.size(),
                validation.positives());

        SuccessiveHalving.Outcome outcome = SuccessiveHalving.run(candidate.name(), plan.configurations(),
                plan.schedule(), (trial, params, rung, resource) -> {
                    Map<String, Object> merged = merged(candidate, params, plan, resource);
                    var training = ModelFamilies.training(candidate.type(), merged);
                    TrainedModel model = training.train(fit, progress(stepsDone, stepsTotal, listener));
                    try (Scorer scorer = model.scorer()) {
                        return new SuccessiveHalving.Trained(
                                evaluation.selectionScore(evaluation.metrics(scorer, validation)), training.resource());
                    }
                }, evaluation::isBetter, parallelism, plan.budget().maxTime(), System::nanoTime, tracker);

        TrialReport best = outcome.bestTrial().orElseThrow(() -> new IllegalStateException("no trial of "
                + candidate.name() + " trained: " + outcome.trials().stream()
                .map(t -> "trial " + t.trial() + " " + t.status() + ": " + t.message()).toList()));
        Map<String, Object> winning = new LinkedHashMap<>(candidate.params());
        winning.putAll(best.params());
        winning.put(plan.resourceParam(), best.resource());
        TrainedModel model = ModelFamilies.training(candidate.type(), winning).train(train,
                progress(stepsDone, stepsTotal, listener));
        String note = note(plan, outcome, best, evaluation, validation);
        LOG.infof("candidate %s: %s", candidate.name(), note);
        return new Result(outcome.trials(), best, model, note);
    }

    /** The candidate's fixed params, the trial's sampled ones, and the rung's resource when halving sets it. */
    private static Map<String, Object> merged(ModelCandidate candidate, Map<String, Object> sampled, TuningPlan plan,
                                              int resource) {
        Map<String, Object> merged = new LinkedHashMap<>(candidate.params());
        merged.putAll(sampled);
        if (plan.budget().halving().isPresent()) {
            merged.put(plan.resourceParam(), resource);
        }
        return merged;
    }

    private static String note(TuningPlan plan, SuccessiveHalving.Outcome outcome, TrialReport best,
                               HoldoutEvaluation evaluation, LabelledMatrix validation) {
        StringBuilder note = new StringBuilder("best of ").append(outcome.trials().size()).append(" trials: trial ")
                .append(best.trial()).append(' ').append(best.params()).append(" with ").append(plan.resourceParam())
                .append(' ').append(best.resource()).append(", validation ").append(evaluation.selection().keyword())
                .append(' ').append(best.score() == null ? "undefined" : String.format("%.4f", best.score()));
        if (plan.budget().halving().isPresent()) {
            note.append("; halving ").append(String.join(" → ", plan.schedule().rungs().stream()
                    .map(rung -> rung.trials() + "×" + rung.resource()).toList()));
        }
        if (outcome.timeBudgetSpent()) {
            note.append("; the time budget ").append(plan.budget().maxTime().orElseThrow())
                    .append(" ran out: the best at the highest rung reached won");
        }
        if (!validation.isRegression()
                && (validation.positives() == 0 || validation.positives() == validation.size())) {
            note.append("; the validation slice holds one class only, so trials could not be ranked");
        }
        return note.append("; refitted on the whole training slice").toString();
    }

    /** Adds each training's own step count to the run's, so trials running at once advance one total. */
    private static TrainingProgress progress(AtomicLong stepsDone, long stepsTotal, CandidateSearch.Listener listener) {
        long[] reported = {0};
        return (done, total, epoch, loss) -> {
            long now = stepsDone.addAndGet(done - reported[0]);
            reported[0] = done;
            listener.onStep(Math.min(now, stepsTotal), stepsTotal, epoch, loss);
        };
    }

    private static LabelledMatrix slice(LabelledMatrix matrix, int from, int to) {
        return new LabelledMatrix(Arrays.copyOfRange(matrix.rows(), from, to),
                Arrays.copyOfRange(matrix.labels(), from, to), matrix.task());
    }

    /** Best so far and trainings done, told to the run and the log as trials start and finish. */
    private static final class Tracker implements SuccessiveHalving.Listener {

        private final String candidate;
        private final TuningPlan plan;
        private final HoldoutEvaluation evaluation;
        private final CandidateSearch.Listener listener;
        private int trainings;
        private double bestScore = Double.NaN;
        private int bestTrial;

        Tracker(String candidate, TuningPlan plan, HoldoutEvaluation evaluation, CandidateSearch.Listener listener) {
            this.candidate = candidate;
            this.plan = plan;
            this.evaluation = evaluation;
            this.listener = listener;
        }

        @Override
        public void onTrialStarted(int trial, int rung, int resource) {
            listener.onTrial(snapshot(trial, rung, resource));
        }

        @Override
        public void onTrialFinished(int trial, int rung, double score) {
            TrialProgress progress;
            synchronized (this) {
                trainings++;
                if (!Double.isNaN(score) && (bestTrial == 0 || evaluation.isBetter(score, bestScore))) {
                    bestScore = score;
                    bestTrial = trial;
                }
                progress = snapshot(trial, rung, plan.schedule().rungs().get(rung).resource());
            }
            LOG.infof("candidate %s trial %d of %d (rung %d) finished: validation %s %.4f; best so far %.4f (trial %d);"
                            + " %d of at most %d trainings done", candidate, trial, progress.trials(), rung,
                    evaluation.selection().keyword(), score,
                    progress.bestScore() == null ? Double.NaN : progress.bestScore(), progress.bestTrial(),
                    progress.trainings(), progress.scheduled());
            listener.onTrial(progress);
        }

        private synchronized TrialProgress snapshot(int trial, int rung, int resource) {
            return new TrialProgress(candidate, trial, plan.configurations().size(), rung, plan.resourceParam(),
                    resource, trainings, plan.schedule().trainings(), Double.isNaN(bestScore) ? null : bestScore,
                    bestTrial);
        }
    }
}
