package dev.flywheel.model.value;

/**
 * The value of flagging every row scored at or above {@code threshold}.
 *
 * @param value   total value of all rows' outcomes (money; costs negative)
 * @param flagged rows flagged
 * @param caught  positive rows flagged
 */
public record ValuePoint(double threshold, double value, int flagged, int caught) {
}
