package dev.flywheel.training.eda;

import java.util.List;

/**
 * The label's balance and how each feature alone relates to it.
 *
 * @param positiveShare positives / (positives + negatives)
 * @param other         label values other than 0 and 1 (NULLs excluded)
 * @param associations  one per numeric feature, strongest |point-biserial| first
 */
public record LabelProfile(String column, long positives, long negatives, long other, Double positiveShare,
                           List<Association> associations, boolean aucSampled, long aucRows) {

    public LabelProfile {
        associations = List.copyOf(associations);
    }

    /**
     * @param pointBiserial Pearson's r with the 0/1 label, over all rows
     * @param rocAuc        ROC AUC of the feature alone as a score (0.5 = no signal; below 0.5, higher values mean
     *                      negative); Mann–Whitney with mid-ranks for ties, on the rank sample
     */
    public record Association(String feature, Double pointBiserial, Double rocAuc) {
    }
}
