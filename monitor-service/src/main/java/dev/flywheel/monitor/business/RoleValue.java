package dev.flywheel.monitor.business;

/**
 * One of the three ways a pipeline could decide (the served champion, the challenger scored in shadow beside it, the
 * spec's rule baseline), with what its training run expected it to be worth per day and what it realised on live
 * outcomes. Money per day; null where not known.
 *
 * @param role              {@code champion}, {@code challenger} or {@code rule}
 * @param modelVersion      the version deciding; for the rule, the champion whose held-out slice and outcomes it was
 *                          valued on
 * @param expectedNetPerDay expected value less doing nothing's and the running cost
 * @param realisedNetPerDay realised value less doing nothing's on the same outcomes and the running cost
 * @param expectedRoi       {@code expectedNetPerDay / runningCostPerDay}; null when running costs nothing (the rule)
 * @param realisedRoi       {@code realisedNetPerDay / runningCostPerDay}; null likewise
 * @param outcomes          live outcomes its realised figures rest on
 * @param judged            whether they hold enough evidence ({@code monitoring.minOutcomes}, {@code minPositives})
 * @param note              how it was valued, or why it was not
 */
public record RoleValue(String role, String modelVersion, Double expectedPerDay, Double realisedPerDay,
                        Double expectedNetPerDay, Double realisedNetPerDay, Double runningCostPerDay,
                        Double expectedRoi, Double realisedRoi, int outcomes, boolean judged, String note) {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";
    public static final String RULE = "rule";

    static Double ratio(Double net, Double cost) {
        return net == null || cost == null || cost <= 0 ? null : net / cost;
    }
}
