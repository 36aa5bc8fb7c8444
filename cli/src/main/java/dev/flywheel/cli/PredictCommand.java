package dev.flywheel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flywheel predict '{"tx_amount": 57.2, ...}'}: one row scored by the served model. */
@Command(name = "predict", description = "Score one row of features (JSON object; - reads standard input).")
final class PredictCommand extends ApiCommand {

    @Parameters(paramLabel = "ROW", description = "the features as a JSON object, or - for standard input")
    String row;

    @Option(names = "--event-id", description = "the event's id, so its label joins this prediction later")
    String eventId;

    /** Standard input, replaceable so a test can feed it. */
    InputStream in = System.in;

    @Override
    public Integer call() throws IOException {
        String text = row.equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : row;
        JsonNode features;
        try {
            features = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ROW is not JSON: " + e.getOriginalMessage());
        }
        if (features == null || !features.isObject()) {
            throw new IllegalArgumentException("ROW must be a JSON object of feature name to value");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("features", features);
        if (eventId != null) {
            request.put("eventId", eventId);
        }
        return print(api.post(target.pipelineUri(target.inference, "/predict"), request), answer ->
                new Table("score", "decision", "model version", "prediction id")
                        .row(answer.path("score"), answer.path("decision"), answer.path("modelVersion"),
                                answer.path("predictionId"))
                        .render());
    }
}
