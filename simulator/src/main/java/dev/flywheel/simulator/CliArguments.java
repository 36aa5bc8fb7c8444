package dev.flywheel.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --key value} command-line options, checked against the options the CLI knows. */
final class CliArguments {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, String> values;
    private final boolean help;

    private CliArguments(Map<String, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    /** Parses {@code args}; every option takes a value except {@code --help}. */
    static CliArguments parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected an option --key, got '" + arg + "'");
            }
            String key = arg.substring(2);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
            values.put(key, args[++i]);
        }
        return new CliArguments(values, help);
    }

    boolean help() {
        return help;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return parsed(key, fallback, Integer::parseInt);
    }

    long longValue(String key, long fallback) {
        return parsed(key, fallback, Long::parseLong);
    }

    double decimal(String key, double fallback) {
        return parsed(key, fallback, Double::parseDouble);
    }

    Duration duration(String key, Duration fallback) {
        return parsed(key, fallback, CliArguments::parseDuration);
    }

    /** A date ({@code 2018-04-01}, midnight UTC) or an instant ({@code 2018-04-01T00:00:00Z}). */
    Instant instant(String key, Instant fallback) {
        return parsed(key, fallback, s -> s.contains("T") ? Instant.parse(s) : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (like 30s, 5m, 2h, 7d): '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private <T> T parsed(String key, T fallback, Function<String, T> parser) {
        String raw = values.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad value for --" + key + ": '" + raw + "' (" + e.getMessage() + ")", e);
        }
    }
}
