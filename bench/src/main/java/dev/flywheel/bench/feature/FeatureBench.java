package dev.flywheel.bench.feature;

import java.nio.file.Path;
import java.time.Duration;

import dev.flywheel.bench.CommandOptions;

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
        CommandOptions options = CommandOptions.parse(args);
        String bootstrap = options.required("bootstrap");
        String pipeline = options.required("pipeline");
        switch (args[0]) {
            case "topics" -> {
                new FeatureBenchTopics(bootstrap, pipeline, options.number("partitions", 3),
                        options.required("ceiling-topic")).create();
                System.out.println("topics partitions=" + options.number("partitions", 3));
            }
            case "preload" -> {
                int records = options.number("records", 30_000);
                long meanBytes = new EventPreload(bootstrap, pipeline, records,
                        Path.of(options.required("payload-file")), options.number("payload-lines", 5000)).run();
                System.out.println("preload records=" + records + " mean-bytes=" + meanBytes);
            }
            case "throughput" -> System.out.println(new VectorDrainTimer(bootstrap, pipeline,
                    options.number("records", 30_000), Duration.ofSeconds(options.number("timeout-s", 900))).await());
            case "latency" -> System.out.println(new PacedLatencyRun(bootstrap, pipeline,
                    options.number("skip", 0), Double.parseDouble(options.required("rate")),
                    options.number("seconds", 30), options.number("warmup-s", 5)).run());
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected topics, preload, throughput or latency");
        }
    }
}
