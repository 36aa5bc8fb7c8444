package dev.flywheel.bench.inference;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.flywheel.bench.CommandOptions;
import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import dev.flywheel.model.RegistryLayout;

/**
 * The Java steps of {@code bench/inference/run.sh}, one per subcommand; each prints one {@code key=value} line
 * the script reads:
 * <pre>
 * models  --spec FILE --registry DIR [--versions 4]     an MLP (32-16) trained once, written as versions 1..n
 * bodies  --spec FILE --out FILE [--lines 1000]          single-row predict bodies, one JSON object a line
 * promote --bootstrap B --registry DIR --pipeline P --version V [--previous V]
 *                                                         ModelPromoted on flywheel.models
 * paced   --url U --bodies FILE --rate R --seconds S [--warmup-s 5] [--connections 32]
 *                                                         fixed-rate POSTs, latency from the intended send time
 * scoring --registry DIR --pipeline P --version V        the model's time per row, alone and in batches of 8, 64
 * </pre>
 */
public final class InferenceBench {

    private InferenceBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("a subcommand is required: models, bodies, promote, paced or scoring");
        }
        CommandOptions options = CommandOptions.parse(args);
        switch (args[0]) {
            case "models" -> System.out.println(new BenchModels(Path.of(options.required("registry")),
                    PipelineSpecs.load(Path.of(options.required("spec"))), options.number("versions", 4)).write());
            case "bodies" -> System.out.println(bodies(PipelineSpecs.load(Path.of(options.required("spec"))),
                    Path.of(options.required("out")), options.number("lines", 1000)));
            case "promote" -> {
                String previous = options.number("previous", 0) == 0 ? null : Integer.toString(options.number("previous", 0));
                System.out.println(new Promotion(options.required("bootstrap"), Path.of(options.required("registry")),
                        options.required("pipeline"), options.required("version"), previous).publish());
            }
            case "paced" -> {
                List<byte[]> bodies = new ArrayList<>();
                for (String line : Files.readAllLines(Path.of(options.required("bodies")))) {
                    if (!line.isBlank()) {
                        bodies.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
                System.out.println(new PacedHttpLoad(URI.create(options.required("url")), bodies,
                        Double.parseDouble(options.required("rate")), options.number("seconds", 30),
                        options.number("warmup-s", 5), options.number("connections", 32)).run());
            }
            case "scoring" -> System.out.println(new ScoringCost(RegistryLayout.versionDir(
                    Path.of(options.required("registry")), options.required("pipeline"), options.required("version")))
                    .run());
            default -> throw new IllegalArgumentException("unknown subcommand " + args[0]
                    + "; expected models, bodies, promote, paced or scoring");
        }
    }

    /** Rows of plausible card-fraud features (seeded, so runs send the same bytes). */
    private static String bodies(PipelineSpec spec, Path out, int lines) throws Exception {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            Map<String, Object> features = new LinkedHashMap<>();
            for (String name : spec.featureNames()) {
                double value;
                if (name.contains("during")) {
                    value = random.nextInt(2);
                } else if (name.contains("risk")) {
                    value = Math.round(random.nextDouble() * 0.2 * 1000) / 1000.0;
                } else if (name.contains("nb_tx")) {
                    value = random.nextInt(40);
                } else {
                    value = Math.round(random.nextDouble() * 20_000) / 100.0;
                }
                features.put(name, value);
            }
            text.append(Json.mapper().writeValueAsString(Map.of("features", features))).append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, text);
        return "bodies lines=" + lines + " mean-bytes=" + text.length() / lines;
    }
}
