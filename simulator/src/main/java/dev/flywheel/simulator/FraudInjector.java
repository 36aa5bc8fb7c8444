package dev.flywheel.simulator;

import java.util.List;

/**
 * One fraud scenario, applied to each day's transactions in turn. Implementations keep the state
 * that spans days (which terminals or cards are compromised until when), so days must be passed
 * in order, each exactly once.
 */
interface FraudInjector {

    /** Relabels, changes or adds transactions of {@code day}, which are listed in generation order. */
    void apply(int day, List<DraftTransaction> transactions);
}
