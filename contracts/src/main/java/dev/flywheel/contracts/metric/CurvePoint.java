package dev.flywheel.contracts.metric;

/**
 * One point of a ROC curve ({@code x} false positive rate, {@code y} true positive rate) or of a
 * precision-recall curve ({@code x} recall, {@code y} precision).
 *
 * @param threshold the decisions {@code score >= threshold} this point stands for; null for the curve's
 *                  anchor, which no threshold reaches (ROC (0, 0); precision-recall (0, 1))
 */
public record CurvePoint(double x, double y, Double threshold) {
}
