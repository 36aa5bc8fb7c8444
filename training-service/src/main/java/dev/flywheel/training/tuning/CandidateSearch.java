package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.flywheel.model.LabelledMatrix;
import dev.flywheel.model.NetworkTrainer;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.TrainedNetwork;
import dev.flywheel.model.TrainingProgress;
import dev.flywheel.training.dataset.Dataset;
import dev.flywheel.training.model.HoldoutEvaluation;

/**
 * Trains every trainable candidate on the training slice, scores each on the held-out slice and keeps the
 * best by the selection metric. A candidate that fails is reported and the others go on.
 */
public final class CandidateSearch {

    private static final Logger LOG = Logger.getLogger(CandidateSearch.class);

    private CandidateSearch() {
    }

    /** The winner with its held-out metrics. */
    public record Winner(String candidate, String type, TrainedNetwork network, Map<String, Double> metrics,
                         double score) {
    }

    /** Reports of every candidate (the skipped ones first, then in spec order), and the winner if any trained. */
    public record Outcome(List<CandidateReport> reports, Optional<Winner> winner) {
    }

    /** Told before each candidate trains and after each of its steps. */
    public interface Listener extends TrainingProgress {

        void onCandidate(String name, int index, int count);
    }

    public static Outcome run(CandidatePlan plan, Dataset dataset, HoldoutEvaluation evaluation, Listener listener) {
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
                TrainedNetwork network = NetworkTrainer.train(train, planned.params(),
                        (done, total, epoch, loss) -> listener.onStep(offset + done, stepsTotal, epoch, loss));
                Map<String, Double> metrics;
                try (Scorer scorer = network.scorer()) {
                    metrics = evaluation.metrics(scorer, test);
                }
                double score = evaluation.selectionScore(metrics);
                reports.add(new CandidateReport(name, type, CandidateReport.TRAINED, "", metrics,
                        network.duration().toMillis()));
                LOG.infof("candidate %s (%s): %s %.4f on %d held-out examples, trained in %d ms", name, type,
                        evaluation.selection().keyword(), score, test.size(), network.duration().toMillis());
                if (best.isEmpty() || evaluation.isBetter(score, best.get().score())) {
                    best = Optional.of(new Winner(name, type, network, metrics, score));
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "candidate %s (%s) failed", name, type);
                reports.add(new CandidateReport(name, type, CandidateReport.FAILED, String.valueOf(e.getMessage()),
                        null, 0));
            }
            stepsBefore += planned.steps(train.size());
        }
        return new Outcome(reports, best);
    }
}
