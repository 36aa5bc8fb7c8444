package dev.flywheel.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that calls a service shares: where the services are, the client, and how to print. */
abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    Target target;

    @Spec
    CommandSpec spec;

    // Read when a request is sent: picocli fills the options in after this field is set.
    final Api api = new Api(() -> target.apiKey);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** {@code --json}: the service's answer, pretty-printed; otherwise {@code forPeople} renders it. */
    int print(JsonNode answer, java.util.function.Function<JsonNode, String> forPeople) {
        out().print(target.json ? pretty(answer) + "\n" : forPeople.apply(answer));
        out().flush();
        return ExitCode.OK;
    }

    static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
