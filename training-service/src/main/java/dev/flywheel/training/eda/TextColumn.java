package dev.flywheel.training.eda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A non-numeric column of an uploaded CSV: counts values, NULLs and distinct values, and the most frequent
 * values while there are few enough distinct ones to count them all.
 */
final class TextColumn {

    private static final int TOP = 10;

    private final String name;
    private final int exactLimit;
    private final DistinctCounter distinct;
    private Map<String, Long> frequencies = new HashMap<>();
    private long count;
    private long nulls;

    TextColumn(String name, ProfileOptions options) {
        this.name = name;
        this.exactLimit = options.exactDistinct();
        this.distinct = new DistinctCounter(options.exactDistinct());
    }

    void add(String value) {
        if (value == null) {
            nulls++;
            return;
        }
        count++;
        distinct.add(value);
        if (frequencies != null) {
            frequencies.merge(value, 1L, Long::sum);
            if (frequencies.size() > exactLimit) {
                frequencies = null;
            }
        }
    }

    ColumnProfile profile() {
        long rows = count + nulls;
        List<ColumnProfile.ValueCount> top = frequencies == null ? List.of() : frequencies.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(entry -> new ColumnProfile.ValueCount(entry.getKey(), entry.getValue()))
                .toList();
        return new ColumnProfile(name, ColumnProfile.TEXT, rows, count, nulls, rows == 0 ? 0 : (double) nulls / rows, 0,
                distinct.estimate(), distinct.isExact(), null, null, null, null, null, null, null, null, null, true,
                null, null, null, top);
    }
}
