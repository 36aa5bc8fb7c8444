package dev.flywheel.bench.feature;

import java.time.Duration;

import dev.flywheel.bench.CommandOptions;

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
        CommandOptions options = CommandOptions.parse(args);
        LookupEntities entities = new LookupEntities(options.required("pipeline"), options.required("run"),
                options.number("entities", 2000), options.number("events", 2));
        switch (args[0]) {
            case "preload" -> System.out.println(entities.preload(options.required("bootstrap")));
            case "await" -> System.out.println(entities.await(options.required("url"),
                    Duration.ofSeconds(options.number("timeout-s", 300))));
            case "measure" -> new LookupLoad(entities, options.required("url"), options.required("self"),
                    options.number("threads", 4), Duration.ofMillis(options.number("pause-ms", 2)))
                    .run(Duration.ofSeconds(options.number("warmup-s", 10)),
                            Duration.ofSeconds(options.number("seconds", 30)))
                    .forEach(System.out::println);
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected preload, await or measure");
        }
    }
}
