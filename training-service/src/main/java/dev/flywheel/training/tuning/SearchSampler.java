package dev.flywheel.training.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import dev.flywheel.contracts.spec.SearchDimension;
import dev.flywheel.contracts.spec.SearchSpace;

/**
 * Random search: consumes a candidate's {@link SearchSpace}, a trial count and a seed; produces that many distinct
 * configurations (param → value, in the space's order), the same ones for the same seed. A log range is sampled
 * uniformly in log space, an integer range uniformly over its whole numbers, a choice uniformly among its values.
 * A small discrete space yields fewer configurations than asked for rather than repeats.
 */
public final class SearchSampler {

    /** Draws per wanted configuration before a space is taken to hold no more distinct ones. */
    private static final int ATTEMPTS_PER_TRIAL = 50;

    private SearchSampler() {
    }

    public static List<Map<String, Object>> sample(SearchSpace space, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> configurations = new ArrayList<>();
        Set<Map<String, Object>> seen = new HashSet<>();
        for (int attempt = 0; configurations.size() < trials && attempt < trials * ATTEMPTS_PER_TRIAL; attempt++) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            space.dimensions().forEach((name, dimension) -> configuration.put(name, draw(dimension, random)));
            if (seen.add(configuration)) {
                configurations.add(Collections.unmodifiableMap(configuration));
            }
        }
        return configurations;
    }

    static Object draw(SearchDimension dimension, SplittableRandom random) {
        if (dimension instanceof SearchDimension.Choice choice) {
            return choice.values().get(random.nextInt(choice.values().size()));
        }
        SearchDimension.Range range = (SearchDimension.Range) dimension;
        if (range.integer() && !range.log()) {
            return (int) random.nextLong((long) range.min(), (long) range.max() + 1);
        }
        double value = range.log()
                ? Math.exp(Math.log(range.min()) + random.nextDouble() * (Math.log(range.max()) - Math.log(range.min())))
                : range.min() + random.nextDouble() * (range.max() - range.min());
        if (range.integer()) {
            return (int) Math.max(range.min(), Math.min(range.max(), Math.round(value)));
        }
        return value;
    }
}
