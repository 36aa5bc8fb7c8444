package dev.flywheel.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Java steps of {@code bench/ingest/run.sh}, one per subcommand; each prints one {@code key=value} line
 * the script reads:
 * <pre>
 * payloads --dir D [--batch-size 500] [--batches 8] [--lines 2000]   request bodies and payload files
 * topics   --bootstrap B --pipeline P --partitions N --ceiling-topic T   the service's topics + the ceiling's
 * preload  --bootstrap B --pipeline P --records N                     N valid raw events, before the service runs
 * drain    --bootstrap B --pipeline P --records N [--window-s 60] [--timeout-s 600]
 *                                  first-to-last time of the service's drain: all N, or what it moved in the window
 * </pre>
 */
public final class IngestBench {

    private static final long SEED = 20_260_401L;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a subcommand is required: payloads, topics, preload or drain");
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "payloads" -> System.out.println(new PayloadFiles(Path.of(required(options, "dir")),
                    number(options, "batch-size", 500), number(options, "batches", 8),
                    number(options, "lines", 2000)).write(SEED));
            case "topics" -> {
                int partitions = new BenchTopics(required(options, "bootstrap"), required(options, "pipeline"),
                        number(options, "partitions", 3), required(options, "ceiling-topic")).create();
                System.out.println("topics partitions=" + partitions);
            }
            case "preload" -> {
                int records = number(options, "records", 100_000);
                // A seed of its own: the raw backlog shares no id with the HTTP bodies.
                new RawPreload(required(options, "bootstrap"), required(options, "pipeline"), records).run(SEED + 1);
                System.out.println("preload records=" + records);
            }
            case "drain" -> System.out.println(new DrainTimer(required(options, "bootstrap"),
                    required(options, "pipeline"), number(options, "records", 100_000),
                    Duration.ofSeconds(number(options, "window-s", 60)),
                    Duration.ofSeconds(number(options, "timeout-s", 600))).await().line());
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected payloads, topics, preload or drain");
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
