package dev.flywheel.training.eda;

/**
 * A set of longs with open addressing (linear probing) in one array: the exact phase of a distinct count
 * without a boxed {@code Long} per value. Zero marks an empty slot, so the key 0 is tracked on its own.
 */
final class LongHashSet {

    private long[] slots = new long[64];
    private int size;
    private boolean hasZero;

    /** @return whether the key was new */
    boolean add(long key) {
        if (key == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        return insert(slots, key);
    }

    private boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int i = mix(key) & mask;
        while (table[i] != 0) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = hasZero ? 1 : 0;
        for (long key : old) {
            if (key != 0) {
                insert(slots, key);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    int size() {
        return size;
    }

    /** Every key, in no particular order. */
    long[] keys() {
        long[] keys = new long[size];
        int n = 0;
        if (hasZero) {
            keys[n++] = 0;
        }
        for (long key : slots) {
            if (key != 0) {
                keys[n++] = key;
            }
        }
        return keys;
    }
}
