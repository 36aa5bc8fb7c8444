package dev.flywheel.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * A service's console log as the platform's processes wrote it ({@code <work>/logs/<service>.log}), read as the
 * JSON lines a log shipper would take: each line one object, or else kept aside as unreadable.
 *
 * @param lines      the lines that parsed, in order
 * @param unreadable the lines that did not parse as a JSON object
 */
record ServiceLogs(String service, List<JsonNode> lines, List<String> unreadable) {

    static ServiceLogs read(Path logDir, String service) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String line : Files.readAllLines(logDir.resolve(service + ".log"))) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode parsed = Json.mapper().readTree(line);
                if (parsed != null && parsed.isObject()) {
                    lines.add(parsed);
                } else {
                    unreadable.add(line);
                }
            } catch (JsonProcessingException notJson) {
                unreadable.add(line);
            }
        }
        return new ServiceLogs(service, lines, unreadable);
    }

    /** The lines whose message contains {@code text}. */
    List<JsonNode> about(String text) {
        return matching(line -> line.path("message").asText().contains(text));
    }

    List<JsonNode> matching(Predicate<JsonNode> test) {
        return lines.stream().filter(test).toList();
    }

    /** The value of an MDC field of a line, or "" when it has none. */
    static String mdc(JsonNode line, String field) {
        return line.path("mdc").path(field).asText();
    }
}
