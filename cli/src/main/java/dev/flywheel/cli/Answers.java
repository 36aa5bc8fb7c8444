package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.flywheel.contracts.json.Json;

/** The {@code --json} output of commands that combine several services' answers. */
final class Answers {

    private Answers() {
    }

    static ArrayNode array(JsonNode... nodes) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (JsonNode node : nodes) {
            array.add(node);
        }
        return array;
    }
}
