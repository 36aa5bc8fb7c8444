package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration notation of spec files: a whole number and one unit, {@code 7d}, {@code 12h}, {@code 30m},
 * {@code 45s}, {@code 500ms}. One unit only, because windows are read far more often than written.
 */
final class SpecDuration {

    static final String EXAMPLES = "7d, 12h, 30m, 500ms";

    private static final Pattern TEXT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final List<ChronoUnit> LARGEST_FIRST =
            List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS);

    private SpecDuration() {
    }

    static Optional<Duration> parse(String text) {
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            return Optional.empty();
        }
    }

    /** The notation back: the largest unit that divides the duration exactly ({@code 7d}, {@code 90m}). */
    static String format(Duration duration) {
        for (ChronoUnit unit : LARGEST_FIRST) {
            long unitMillis = unit.getDuration().toMillis();
            if (duration.toMillis() % unitMillis == 0) {
                String symbol = switch (unit) {
                    case DAYS -> "d";
                    case HOURS -> "h";
                    case MINUTES -> "m";
                    case SECONDS -> "s";
                    default -> "ms";
                };
                return duration.toMillis() / unitMillis + symbol;
            }
        }
        return duration.toString();
    }
}
