package dev.flywheel.contracts.spec;

/**
 * Hours of the day from {@code first} to {@code last}, both included, each 0-23. When {@code first > last}
 * the range wraps past midnight ({@code [22, 5]} is 22:00 to 05:59).
 */
public record HourRange(int first, int last) {

    /** The handbook's night, {@code hour <= 6}. */
    public static final HourRange DEFAULT_NIGHT = new HourRange(0, 6);

    public HourRange {
        if (first < 0 || first > 23 || last < 0 || last > 23) {
            throw new IllegalArgumentException("hours must be 0-23, got [" + first + ", " + last + "]");
        }
    }

    public boolean contains(int hour) {
        return first <= last ? hour >= first && hour <= last : hour >= first || hour <= last;
    }
}
