package dev.flywheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.PipelineSpecs;

/**
 * {@code pipelines apply} against a real HTTP server on loopback that answers {@code GET /v1/pipelines/<name>} for
 * five services (one prefix each) with the spec each one "runs".
 */
class ApplyCommandTest {

    private static final Path DEMO_SPEC = Path.of("../pipelines/card-fraud.yaml");
    private static final List<String> SERVICES = List.of("ingest", "feature", "training", "inference", "monitor");

    @TempDir
    Path dir;

    private HttpServer server;
    /** What each service answers for the pipeline; absent: 404. */
    private final Map<String, String> running = new ConcurrentHashMap<>();

    @BeforeEach
    void startServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String service = exchange.getRequestURI().getPath().split("/")[1];
            String body = running.get(service);
            boolean found = body != null && exchange.getRequestURI().getPath().equals("/" + service
                    + "/v1/pipelines/card-fraud");
            byte[] bytes = (found ? body : "{\"error\":\"no pipeline 'card-fraud'\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(found ? 200 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServices() {
        server.stop(0);
    }

    @Test
    void aSpecEveryServiceAlreadyRunsIsAppliedWithNothingToDo() throws IOException {
        // Given every service runs the demo spec
        String spec = ApplyCommand.SPECS.writeValueAsString(PipelineSpecs.load(DEMO_SPEC));
        SERVICES.forEach(service -> running.put(service, spec));

        // When the same file is applied
        Result result = run("pipelines", "apply", DEMO_SPEC.toString());

        // Then nothing is to be done
        assertThat(result.status()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).contains("every service already runs this spec");
    }

    @Test
    void aChangedSpecIsInstalledIntoThePipelinesFolderAndTheServicesToRestartAreNamed() throws IOException {
        // Given a changed copy of the demo spec, which ingest runs already; feature an older one; monitor none
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, Files.readString(DEMO_SPEC).replace("description: >-\n",
                "description: >-\n  Reviewed.\n"));
        String changedSpec = ApplyCommand.SPECS.writeValueAsString(PipelineSpecs.load(changed));
        String oldSpec = ApplyCommand.SPECS.writeValueAsString(PipelineSpecs.load(DEMO_SPEC));
        running.put("ingest", changedSpec);
        running.put("feature", oldSpec);
        running.put("training", changedSpec);
        running.put("inference", changedSpec);
        Path folder = dir.resolve("pipelines");

        // When it is applied without, then with, the services' pipelines folder
        Result refused = run("pipelines", "apply", changed.toString(), "--json");
        Result installed = run("pipelines", "apply", changed.toString(), "--pipelines-dir", folder.toString());

        // Then without the folder nothing is written and the answer says what is needed, per service
        assertThat(refused.status()).as(refused.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode answer = Json.mapper().readTree(refused.out());
        assertThat(answer.at("/services/ingest/verdict").asText()).isEqualTo("unchanged");
        assertThat(answer.at("/services/feature/verdict").asText()).isEqualTo("differs");
        assertThat(answer.at("/services/feature/differsIn").toString()).isEqualTo("[\"description\"]");
        assertThat(answer.at("/services/monitor/verdict").asText()).isEqualTo("absent");
        assertThat(answer.path("restart").toString()).isEqualTo("[\"feature\",\"monitor\"]");
        assertThat(answer.path("installedAs").isNull()).isTrue();
        // And with it the file is there under the pipeline's name, to be loaded at the named services' restart
        assertThat(installed.status()).as(installed.toString()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(folder.resolve("card-fraud.yaml"))).isEqualTo(Files.readString(changed));
        assertThat(installed.out()).contains("restart feature, monitor-service");
        assertThat(PipelineSpecs.loadDirectory(folder)).containsOnlyKeys("card-fraud");
    }

    @Test
    void anInvalidSpecIsRefusedBeforeAnyServiceIsAsked() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(DEMO_SPEC).replace("metric: average_precision",
                "metric: accuracy_of_vibes"));

        Result result = run("pipelines", "apply", broken.toString(), "--pipelines-dir", dir.resolve("p").toString());

        assertThat(result.status()).isEqualTo(ExitCode.INVALID);
        assertThat(result.err()).contains("accuracy_of_vibes");
        assertThat(dir.resolve("p")).doesNotExist();
    }

    private Result run(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        SERVICES.forEach(service -> {
            line.add("--" + service + "-url");
            line.add(base + service);
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FlywheelCli.run(new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err) {
    }
}
