package dev.flywheel.contracts.spec;

/**
 * The concept-drift detector of {@code monitoring.detector} and its parameters; every parameter has the
 * standard default of the detector's paper (and of MOA / river).
 */
public sealed interface ConceptDetectorSpec {

    DetectorType type();

    /** ADWIN with its confidence {@code delta}; cuts are looked for every {@code clock} outcomes. */
    record Adwin(double delta, int clock) implements ConceptDetectorSpec {

        public static final double DEFAULT_DELTA = 0.002;
        public static final int DEFAULT_CLOCK = 32;

        @Override
        public DetectorType type() {
            return DetectorType.ADWIN;
        }
    }

    /**
     * DDM: a warning at {@code p + s > p_min + warning * s_min}, drift at {@code drift * s_min}, judged after
     * {@code warmUp} outcomes.
     */
    record Ddm(double warning, double drift, int warmUp) implements ConceptDetectorSpec {

        public static final double DEFAULT_WARNING = 2.0;
        public static final double DEFAULT_DRIFT = 3.0;
        public static final int DEFAULT_WARM_UP = 30;

        @Override
        public DetectorType type() {
            return DetectorType.DDM;
        }
    }

    /**
     * Page–Hinkley on increases of the error rate: {@code m = alpha * m + (x - mean - delta)}, drift when
     * {@code m - min(m) > lambda}, judged after {@code minInstances} outcomes.
     */
    record PageHinkley(double delta, double lambda, double alpha, int minInstances) implements ConceptDetectorSpec {

        public static final double DEFAULT_DELTA = 0.005;
        public static final double DEFAULT_LAMBDA = 50;
        public static final double DEFAULT_ALPHA = 1 - 0.0001;
        public static final int DEFAULT_MIN_INSTANCES = 30;

        @Override
        public DetectorType type() {
            return DetectorType.PAGE_HINKLEY;
        }
    }

    /** No detector. */
    record None() implements ConceptDetectorSpec {

        @Override
        public DetectorType type() {
            return DetectorType.NONE;
        }
    }

    /** The default: ADWIN with δ = 0.002. */
    static ConceptDetectorSpec defaults() {
        return defaults(DetectorType.ADWIN);
    }

    static ConceptDetectorSpec defaults(DetectorType type) {
        return switch (type) {
            case ADWIN -> new Adwin(Adwin.DEFAULT_DELTA, Adwin.DEFAULT_CLOCK);
            case DDM -> new Ddm(Ddm.DEFAULT_WARNING, Ddm.DEFAULT_DRIFT, Ddm.DEFAULT_WARM_UP);
            case PAGE_HINKLEY -> new PageHinkley(PageHinkley.DEFAULT_DELTA, PageHinkley.DEFAULT_LAMBDA,
                    PageHinkley.DEFAULT_ALPHA, PageHinkley.DEFAULT_MIN_INSTANCES);
            case NONE -> new None();
        };
    }
}
