package dev.flywheel.inference.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's values by feature name, in the model's column order, as a read-only view over the names and the value
 * array (not a copy): what a prediction carries to its log, built per request without a map of its own.
 */
public final class NamedValues extends AbstractMap<String, Double> {

    private final List<String> names;
    private final double[] values;

    /** @param values one per name, in the same order; not copied, so the caller must not change it afterwards */
    public NamedValues(List<String> names, double[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names but " + values.length + " values");
        }
        this.names = names;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Double get(Object key) {
        int index = names.indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return names.contains(key);
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return values.length;
            }

            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names.get(index), values[index]);
                    }
                };
            }
        };
    }
}
