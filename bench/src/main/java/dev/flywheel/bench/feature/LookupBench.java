package dev.flywheel.bench.feature;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java steps of {@code bench/feature/lookup.sh}, one per subcommand; each prints one {@code key=value} line the
 * script reads:
 * <pre>
 * preload --bootstrap B --pipeline P --run R --entities N [--events 2]
 *                     N customers and N terminals, each with that many card payments, on the events topic
 * await   --url U --pipeline P --run R --entities N [--events 2] [--timeout-s 300]
 *                     until the instance at U serves every entity as of its last payment
 * measure --url U --self H:P --pipeline P --run R --entities N [--seconds 30] [--warmup-s 10] [--threads 4]
 *         [--pause-ms 2]
 *                     lookups against U: local keys, routed keys and merged vectors interleaved → percentiles
 * </pre>
 */
public final class LookupBench {

    private LookupBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a subcommand is required: preload, await or measure");
        }
        Map<String, String> options = options(args);
        LookupEntities entities = new LookupEntities(required(options, "pipeline"), required(options, "run"),
                number(options, "entities", 2000), number(options, "events", 2));
        switch (args[0]) {
            case "preload" -> System.out.println(entities.preload(required(options, "bootstrap")));
            case "await" -> System.out.println(entities.await(required(options, "url"),
                    Duration.ofSeconds(number(options, "timeout-s", 300))));
            case "measure" -> new LookupLoad(entities, required(options, "url"), required(options, "self"),
                    number(options, "threads", 4), Duration.ofMillis(number(options, "pause-ms", 2)))
                    .run(Duration.ofSeconds(number(options, "warmup-s", 10)),
                            Duration.ofSeconds(number(options, "seconds", 30)))
                    .forEach(System.out::println);
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected preload, await or measure");
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs after the subcommand, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value, e);
        }
    }
}
