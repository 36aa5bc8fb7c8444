package dev.flywheel.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.flywheel.contracts.Topics;

/**
 * Command line: simulates card payments with delayed labels and writes them to a CSV or NDJSON
 * file (labels to a sibling file) or produces them to the pipeline's raw Kafka topics. Run with
 * {@code --help} for the options.
 */
public final class SimulatorCli {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorCli.class);

    private static final String USAGE = """
            Usage: SimulatorCli [options] (--out FILE | --bootstrap HOST:PORT)

            World (defaults: the Fraud Detection Handbook's standard dataset)
              --customers N              customers / cards                      [5000]
              --terminals N              payment terminals                      [10000]
              --days N                   simulated days                         [183]
              --start DATE|INSTANT       day 0, e.g. 2018-04-01                 [2018-04-01T00:00:00Z]
              --radius R                 customers use terminals closer than R  [5]
              --seed N                   master seed                            [0]
              --limit-days N             emit only the first N days (a prefix of the full run)

            Concept drift: card testing (off unless --drift-day is given)
              --drift-day N              first day of the new fraud pattern
              --drift-cards-per-day N    cards compromised per day              [8]
              --drift-duration-days N    days each card is tested               [7]

            Labels (durations like 30s, 5m, 2h, 7d)
              --label-delay-fraud-min D  fraud known after at least D           [1d]
              --label-delay-fraud-max D  ... and at most D                      [7d]
              --label-delay-genuine D    genuine known after D                  [7d]

            Output
              --out FILE                 FILE.csv or FILE.ndjson; labels to FILE.labels.csv / .ndjson
              --bootstrap HOST:PORT      produce to Kafka instead (key = transaction_id, value = JSON)
              --pipeline NAME            topics flywheel.NAME.events.raw / flywheel.NAME.labels.raw  [card-fraud]
              --rate N                   pace: N events per second
              --speedup N                pace: simulated time runs N x wall time
              --progress-every D         progress log interval                 [5s]
              --help                     this text
            """;

    private static final Set<String> OPTIONS = Set.of("customers", "terminals", "days", "start", "radius", "seed",
            "limit-days", "drift-day", "drift-cards-per-day", "drift-duration-days", "label-delay-fraud-min",
            "label-delay-fraud-max", "label-delay-genuine", "out", "bootstrap", "pipeline", "rate", "speedup",
            "progress-every");

    private SimulatorCli() {
    }

    public static void main(String[] args) throws Exception {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args, OPTIONS);
            if (cli.help()) {
                System.out.print(USAGE);
                return;
            }
            checkOutput(cli);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        run(cli);
    }

    private static void run(CliArguments cli) throws Exception {
        SimulationConfig config = config(cli);
        int limitDays = cli.integer("limit-days", config.days());
        Simulation simulation = new Simulation(config);
        LOG.info("simulating {} customers, {} terminals, {} of {} days from {} (seed {}, drift {})", config.customers(),
                config.terminals(), Math.min(limitDays, config.days()), config.days(), config.start(), config.seed(),
                config.newFraudPattern().enabled() ? "from day " + config.newFraudPattern().startDay() : "off");
        LOG.info("mean available terminals per customer: {}", String.format("%.1f", simulation.population().meanAvailableTerminals()));

        var progress = new ProgressReporter(config.start(), simulation.endOf(limitDays),
                cli.duration("progress-every", Duration.ofSeconds(5)));
        var runner = new SimulationRun(pacer(cli), progress);
        try (EventSink sink = sink(cli)) {
            SimulationRun.Summary summary = runner.run(simulation.events(limitDays), sink);
            LOG.info("emitted {} transactions ({} frauds) and {} labels", summary.transactions(), summary.frauds(),
                    summary.labels());
        }
    }

    static SimulationConfig config(CliArguments cli) {
        SimulationConfig standard = SimulationConfig.standard();
        NewFraudPattern drift = cli.has("drift-day")
                ? NewFraudPattern.cardTestingFrom(cli.integer("drift-day", 0))
                        .withCardsPerDay(cli.integer("drift-cards-per-day", NewFraudPattern.DEFAULT_CARDS_PER_DAY))
                        .withDurationDays(cli.integer("drift-duration-days", NewFraudPattern.DEFAULT_DURATION_DAYS))
                : NewFraudPattern.off();
        LabelDelay delays = standard.labelDelay();
        return new SimulationConfig(
                cli.integer("customers", standard.customers()),
                cli.integer("terminals", standard.terminals()),
                cli.integer("days", standard.days()),
                cli.instant("start", standard.start()),
                cli.decimal("radius", standard.radius()),
                cli.longValue("seed", standard.seed()),
                drift,
                new LabelDelay(cli.duration("label-delay-fraud-min", delays.fraudMin()),
                        cli.duration("label-delay-fraud-max", delays.fraudMax()),
                        cli.duration("label-delay-genuine", delays.genuine())));
    }

    private static void checkOutput(CliArguments cli) {
        if (cli.has("out") == cli.has("bootstrap")) {
            throw new IllegalArgumentException("give exactly one of --out FILE and --bootstrap HOST:PORT");
        }
        if (cli.has("rate") && cli.has("speedup")) {
            throw new IllegalArgumentException("give at most one of --rate and --speedup");
        }
    }

    private static Pacer pacer(CliArguments cli) {
        if (cli.has("rate")) {
            return Pacer.atRate(cli.decimal("rate", 0));
        }
        if (cli.has("speedup")) {
            return Pacer.atSpeedup(cli.decimal("speedup", 0));
        }
        return Pacer.unpaced();
    }

    private static EventSink sink(CliArguments cli) throws IOException {
        if (cli.has("out")) {
            return EventSink.toFile(Path.of(cli.string("out", null)));
        }
        String pipeline = cli.string("pipeline", "card-fraud");
        return KafkaEventSink.connect(cli.string("bootstrap", null), Topics.rawEvents(pipeline), Topics.rawLabels(pipeline));
    }
}
