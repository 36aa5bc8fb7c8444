package dev.flywheel.training.eda;

/** Two features whose |Pearson r| reaches the collinearity threshold; a model needs only one of them. */
public record CollinearPair(String first, String second, double pearson, Double spearman) {
}
