package dev.flywheel.training.model;

import java.util.List;
import java.util.Map;

import dev.flywheel.contracts.event.OffsetRange;
import dev.flywheel.training.dataset.DatasetSummary;
import dev.flywheel.training.report.ValueReport;
import dev.flywheel.training.tuning.CandidateReport;

/**
 * The report of a finished run. Fields after {@code dataset} are null when the run stopped before them.
 *
 * @param offsets          the examples topic ranges the dataset was read from
 * @param selectionMetric  what ranked the candidates and decided the promotion
 * @param selectionNote    why it differs from the spec's metric, or empty
 * @param version          the registered version
 * @param candidate        the winning candidate
 * @param metrics          its held-out metrics
 * @param championVersion  the version that was promoted before this run, if any
 * @param championScore    its selection metric on this run's holdout
 * @param decision         why the new version was promoted or not, with both scores
 * @param baseline         the spec's rule baseline scored on the same held-out slice; null without one
 * @param beatsBaseline    whether the registered version's selection metric is strictly better than the
 *                         baseline's; null without a baseline
 * @param value            what the version's decisions are worth by the spec's {@code business} section, with the
 *                         registered threshold; null without one
 */
public record RunResult(DatasetSummary dataset, List<OffsetRange> offsets, String selectionMetric,
                        String selectionNote, List<CandidateReport> candidates, String version, String candidate,
                        Map<String, Double> metrics, String championVersion, Double championScore, Boolean promoted,
                        String decision, CandidateReport baseline, Boolean beatsBaseline, ValueReport value) {

    static RunResult datasetOnly(DatasetSummary dataset, List<OffsetRange> offsets) {
        return new RunResult(dataset, offsets, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }
}
