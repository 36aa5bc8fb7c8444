package dev.flywheel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.flywheel.contracts.json.Json;

/** The command line's own behaviour, without services: spec checks, usage errors, unreachable services. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void theDemoSpecValidatesAndABrokenOneIsInvalidWithTheFieldNamed() throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(Path.of("../pipelines/card-fraud.yaml"))
                .replace("metric: average_precision", "metric: accuracy_of_vibes"));

        Result valid = run("pipelines", "validate", "../pipelines/card-fraud.yaml");
        Result invalid = run("pipelines", "validate", broken.toString());

        assertThat(valid.status()).isEqualTo(ExitCode.OK);
        assertThat(valid.out()).contains("valid, pipeline 'card-fraud'");
        assertThat(invalid.status()).isEqualTo(ExitCode.INVALID);
        assertThat(invalid.err()).contains("invalid").contains("metric").contains("accuracy_of_vibes");
    }

    @Test
    void aServiceThatDoesNotAnswerExitsWith3AndSaysWhere() throws IOException {
        int closed = freePort();

        Result result = run("sql", "SELECT 1", "--training-url", "http://127.0.0.1:" + closed);

        assertThat(result.status()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(result.err()).contains("nothing answers at http://127.0.0.1:" + closed);
    }

    @Test
    void aWrongCommandLineExitsWith2AndShowsUsage() {
        Result unknown = run("trian");
        Result missing = run("sql");

        assertThat(unknown.status()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("trian");
        assertThat(missing.status()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("SQL");
    }

    @Test
    void predictRefusesARowThatIsNotAJsonObjectBeforeCallingAnyService() {
        Result result = run("predict", "[1,2]", "--inference-url", "http://127.0.0.1:1");

        assertThat(result.status()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("ROW must be a JSON object");
    }

    @Test
    void theApiKeyGoesAsABearerTokenAndA401SaysHowToSetOne() throws IOException {
        // Given a service on loopback that wants the key k-0123456789abcdef and says so in the services' JSON shape
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(String.valueOf(authorization));
            boolean known = "Bearer k-0123456789abcdef".equals(authorization);
            byte[] body = Json.mapper().writeValueAsBytes(known
                    ? Map.of("columns", List.of("one"), "rows", List.of(List.of(1)))
                    : Map.of("status", 401, "error", "this endpoint needs an API key"));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            // When the command runs without a key, then with --api-key
            Result without = run("sql", "SELECT 1", "--training-url", url);
            Result with = run("sql", "SELECT 1", "--training-url", url, "--api-key", "k-0123456789abcdef", "--json");

            // Then the first fails naming the way to pass a key, the second sends it as a bearer token
            assertThat(without.status()).isEqualTo(ExitCode.FAILED);
            assertThat(without.err()).contains("needs an API key").contains("FLYWHEEL_API_KEY").contains("--api-key");
            assertThat(with.status()).isEqualTo(ExitCode.OK);
            assertThat(seen).containsExactly("null", "Bearer k-0123456789abcdef");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theHelpNeverPrintsTheKey() {
        Result help = run("sql", "--help", "--api-key", "k-0123456789abcdef");

        assertThat(help.out() + help.err()).contains("--api-key").doesNotContain("k-0123456789abcdef");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FlywheelCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err) {
    }
}
