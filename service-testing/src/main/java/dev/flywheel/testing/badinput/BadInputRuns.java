package dev.flywheel.testing.badinput;

import org.quicktheories.QuickTheory;

/**
 * How a bad-input property runs: a fixed seed, so a failure replays on the next run, and few shrink cycles, since
 * each try is a real HTTP request.
 */
public final class BadInputRuns {

    /** Tries per property: enough to reach every generator many times, few enough for a module's budget. */
    public static final int TRIES = 100;

    private static final long SEED = 0xBAD_1_0_11L;

    private BadInputRuns() {
    }

    public static QuickTheory properties(int tries) {
        return QuickTheory.qt().withFixedSeed(SEED).withExamples(tries).withShrinkCycles(10);
    }

    public static QuickTheory properties() {
        return properties(TRIES);
    }
}
