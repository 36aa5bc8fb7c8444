package dev.flywheel.bench.feature;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java steps of {@code bench/feature/run.sh}, one per subcommand; each prints one {@code key=value} line the
 * script reads:
 * <pre>
 * topics     --bootstrap B --pipeline P --partitions N --ceiling-topic T   the service's topics + the ceiling's
 * preload    --bootstrap B --pipeline P --records N --payload-file F [--payload-lines 5000]
 *                                  N simulated payments as EventIngested, before the service runs
 * throughput --bootstrap B --pipeline P --records N [--timeout-s 900]
 *                                  first-to-last vector of the backlog → events/s
 * latency    --bootstrap B --pipeline P --skip N --rate R --seconds S [--warmup-s 5]
 *                                  paced inputs, event-to-vector latency percentiles
 * </pre>
 */
public final class FeatureBench {

    private FeatureBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a subcommand is required: topics, preload, throughput or latency");
        }
        Map<String, String> options = options(args);
        String bootstrap = required(options, "bootstrap");
        String pipeline = required(options, "pipeline");
        switch (args[0]) {
            case "topics" -> {
                new FeatureBenchTopics(bootstrap, pipeline, number(options, "partitions", 3),
                        required(options, "ceiling-topic")).create();
                System.out.println("topics partitions=" + number(options, "partitions", 3));
            }
            case "preload" -> {
                int records = number(options, "records", 30_000);
                long meanBytes = new EventPreload(bootstrap, pipeline, records,
                        Path.of(required(options, "payload-file")), number(options, "payload-lines", 5000)).run();
                System.out.println("preload records=" + records + " mean-bytes=" + meanBytes);
            }
            case "throughput" -> System.out.println(new VectorDrainTimer(bootstrap, pipeline,
                    number(options, "records", 30_000), Duration.ofSeconds(number(options, "timeout-s", 900))).await());
            case "latency" -> System.out.println(new PacedLatencyRun(bootstrap, pipeline,
                    number(options, "skip", 0), Double.parseDouble(required(options, "rate")),
                    number(options, "seconds", 30), number(options, "warmup-s", 5)).run());
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected topics, preload, throughput or latency");
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
