package dev.flywheel.training.report;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.flywheel.contracts.spec.ModelSpec;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.LoadedModel;
import dev.flywheel.model.Scorer;
import dev.flywheel.training.dataset.Dataset;
import dev.flywheel.training.dataset.DatasetSummary;
import dev.flywheel.training.model.HoldoutValuation;
import dev.flywheel.training.model.RunResult;
import dev.flywheel.training.model.TrainingRun;
import dev.flywheel.training.tuning.CandidateReport;

/**
 * What a finished training run found, for people ({@link RunReportPage}, {@code report.html}) and machines
 * ({@code report.json}): the winner and the current champion judged on the same held-out slice, with curves
 * and the confusion matrix; every candidate's metrics; the rule baseline; the promotion decision; how the
 * dataset was assembled and cleaned.
 *
 * @param threshold     the decision threshold of the confusion matrix and of precision, recall and F1
 * @param topK          the k of {@code precision_at_k}
 * @param champion      the champion before this run, judged on this run's holdout; null when there was none
 *                      or it could not be scored ({@code championNote} says which)
 * @param baseline      the spec's rule baseline; null when none is declared
 * @param value         what the decisions are worth by the spec's {@code business} section (value curve, threshold,
 *                      value per day, ROI); null without one
 */
public record RunReport(String pipeline, String runId, String trigger, String version, String candidate,
                        Instant createdAt, String selectionMetric, String selectionNote, double threshold, int topK,
                        DatasetSummary dataset, List<CandidateReport> candidates, ScoredModel winner,
                        ScoredModel champion, String championNote, Baseline baseline, Boolean promoted,
                        String decision, ValueReport value) {

    public RunReport {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /**
     * Scores the winner and the champion on the run's held-out slice. A champion that cannot be loaded or
     * scored on these rows (e.g. trained on other features) is left out with the reason.
     *
     * @param winner      a new scorer of the winning model; closed here
     * @param loadVersion loads a registry version of the pipeline; closed here
     * @param valuation   values the champion's decisions; null without a business section
     */
    public static RunReport of(TrainingRun run, PipelineSpec spec, RunResult result, Dataset dataset,
                               Supplier<Scorer> winner, Function<String, LoadedModel> loadVersion,
                               HoldoutValuation valuation) {
        ModelSpec model = spec.model();
        ValueReport value = result.value();
        // The registered threshold: the value-maximising one when the spec has a business section.
        double threshold = value != null ? value.threshold() : model.threshold().orElse(ModelSpec.DEFAULT_THRESHOLD);
        LabelledMatrix holdout = dataset.testMatrix();
        ScoredModel scoredWinner;
        try (Scorer scorer = winner.get()) {
            scoredWinner = ScoredModel.of("winner", result.version(), result.candidate(),
                    scorer.scoreBatch(holdout.rows()), holdout.labels(), threshold, model.topK(), model.task());
        }
        ScoredModel champion = null;
        String championNote;
        if (result.championVersion() == null) {
            championNote = "no champion: version " + result.version() + " is the pipeline's first promoted model";
        } else {
            try (LoadedModel loaded = loadVersion.apply(result.championVersion())) {
                LabelledMatrix rows = dataset.testMatrix(loaded.metadata().featureNames(),
                        loaded.metadata().cleaning());
                double[] championScores = loaded.scorer().scoreBatch(rows.rows());
                champion = ScoredModel.of("champion", result.championVersion(), loaded.metadata().candidate(),
                        championScores, rows.labels(), threshold, model.topK(), model.task());
                if (value != null && valuation != null) {
                    double championThreshold = loaded.metadata().threshold();
                    value = value.withChampion(result.championVersion(), championThreshold,
                            valuation.valuePerDay(championScores, championThreshold));
                }
                championNote = "champion " + result.championVersion() + " judged on the same " + rows.size()
                        + " held-out examples";
            } catch (RuntimeException e) {
                championNote = "champion " + result.championVersion() + " could not be scored on this holdout: "
                        + e.getMessage();
            }
        }
        CandidateReport judged = result.baseline();
        Baseline baseline = judged == null ? null : new Baseline(judged.name(), judged.message(), judged.metrics());
        return new RunReport(spec.name(), run.id(), run.trigger().keyword(), result.version(), result.candidate(),
                Instant.now(), result.selectionMetric(), result.selectionNote(), threshold, model.topK(),
                result.dataset(), result.candidates(), scoredWinner, champion, championNote, baseline,
                result.promoted(), result.decision(), value);
    }
}
