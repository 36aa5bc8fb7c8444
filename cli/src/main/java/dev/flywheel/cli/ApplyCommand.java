package dev.flywheel.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpec;
import dev.flywheel.contracts.spec.PipelineSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flywheel pipelines apply FILE}: checks a spec file, then asks each of the five services which version of
 * that pipeline it runs ({@code GET /v1/pipelines/<name>}) and reports, per service, whether it runs the file's spec
 * unchanged, a different one (naming the spec's top-level sections that differ), or none.
 *
 * <p>The services load their specs once, at start, from their pipelines folder ({@code flywheel.pipelines-dir}),
 * and build their Kafka Streams topologies, topics and model slots from them; there is no endpoint to swap a spec
 * in a running service. So {@code apply} installs the file into that folder when told where it is
 * ({@code --pipelines-dir}) and says which services must restart to run it; without the folder it says what is
 * needed. Exit 0 when every service already runs the file's spec or the file was installed, 1 when it is neither,
 * 3 when a service does not answer, 4 for an invalid file.
 */
@Command(name = "apply", description = "Check a spec, compare it with what each service runs, and install it into "
        + "the services' pipelines folder (--pipelines-dir); services load specs at start, so changed ones restart.")
final class ApplyCommand extends ApiCommand {

    /** The shared mapper plus Optional fields (a field's optional bounds), which the services' Quarkus mapper writes. */
    static final ObjectMapper SPECS = Json.mapper().copy().registerModule(new Jdk8Module());

    /** What a service says about the pipeline. */
    enum Verdict { UNCHANGED, DIFFERS, ABSENT, UNREACHABLE }

    @Parameters(index = "0", paramLabel = "FILE", description = "the spec file (YAML)")
    Path file;

    @Option(names = "--pipelines-dir", paramLabel = "DIR",
            description = "the services' pipelines folder (their flywheel.pipelines-dir): the file is written there "
                    + "as <pipeline>.yaml, for the services to load at their next start")
    Path pipelinesDir;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println(file + ": no such file");
            return ExitCode.INVALID;
        }
        PipelineSpec wanted;
        try {
            wanted = PipelineSpecs.load(file);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println(file + ": invalid\n  "
                    + String.join("\n  ", e.getMessage() == null ? List.of("(no reason given)")
                    : e.getMessage().lines().toList()));
            return ExitCode.INVALID;
        }
        JsonNode wantedTree = SPECS.valueToTree(wanted);
        Map<String, String> services = new LinkedHashMap<>();
        services.put("ingest", target.ingest);
        services.put("feature", target.feature);
        services.put("training", target.training);
        services.put("inference", target.inference);
        services.put("monitor", target.monitor);

        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("pipeline", wanted.name());
        answer.put("file", file.toString());
        answer.put("valid", true);
        ObjectNode perService = answer.putObject("services");
        Table table = new Table("service", "runs", "differs in");
        List<String> toRestart = new ArrayList<>();
        boolean unreachable = false;
        for (Map.Entry<String, String> service : services.entrySet()) {
            ObjectNode entry = perService.putObject(service.getKey());
            Verdict verdict;
            List<String> differences = List.of();
            try {
                JsonNode running = api.get(Target.uri(service.getValue(),
                        "/v1/pipelines/" + Target.encode(wanted.name())));
                differences = SpecDifferences.between(wantedTree, running);
                verdict = differences.isEmpty() ? Verdict.UNCHANGED : Verdict.DIFFERS;
            } catch (Api.Unreachable e) {
                verdict = Verdict.UNREACHABLE;
                unreachable = true;
            } catch (Api.Failure e) {
                if (e.status() != 404) {
                    throw e;
                }
                verdict = Verdict.ABSENT;
            }
            entry.put("verdict", verdict.name().toLowerCase());
            ArrayNode listed = entry.putArray("differsIn");
            differences.forEach(listed::add);
            if (verdict == Verdict.DIFFERS || verdict == Verdict.ABSENT) {
                toRestart.add(service.getKey());
            }
            table.row(service.getKey(), describe(verdict), String.join(", ", differences));
        }

        boolean applied = toRestart.isEmpty() && !unreachable;
        String installed = null;
        if (!applied && pipelinesDir != null) {
            installed = install(wanted.name()).toString();
        }
        answer.put("applied", applied);
        answer.put("installedAs", installed);
        ArrayNode restart = answer.putArray("restart");
        toRestart.forEach(restart::add);
        String finalInstalled = installed;
        print(answer, a -> table.render() + summary(wanted.name(), applied, finalInstalled, toRestart));
        if (unreachable) {
            return ExitCode.UNREACHABLE;
        }
        return applied || installed != null ? ExitCode.OK : ExitCode.FAILED;
    }

    private String summary(String pipeline, boolean applied, String installed, List<String> toRestart) {
        if (applied) {
            return "pipeline '" + pipeline + "': every service already runs this spec; nothing to do\n";
        }
        String services = toRestart.isEmpty() ? "the services that did not answer"
                : String.join(", ", toRestart) + "-service";
        if (installed != null) {
            return "pipeline '" + pipeline + "': written to " + installed + "; the services load specs at start: "
                    + "restart " + services + " to run it\n";
        }
        return "pipeline '" + pipeline + "': not applied. The services load specs once, at start, from their "
                + "pipelines folder (flywheel.pipelines-dir): copy " + file + " there as " + pipeline + ".yaml "
                + "(or run again with --pipelines-dir DIR) and restart " + services + "\n";
    }

    private Path install(String pipeline) {
        try {
            Files.createDirectories(pipelinesDir);
            Path destination = pipelinesDir.resolve(pipeline + ".yaml");
            // Written beside and renamed, so a service starting meanwhile never reads half a spec.
            Path partial = pipelinesDir.resolve("." + pipeline + ".yaml.partial");
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return destination;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the spec into " + pipelinesDir + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Verdict verdict) {
        return switch (verdict) {
            case UNCHANGED -> "this spec";
            case DIFFERS -> "another version";
            case ABSENT -> "no such pipeline";
            case UNREACHABLE -> "not answering";
        };
    }
}
