package dev.flywheel.inference.rest.v2;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input tensor of an inference request. {@code data} stays JSON until it is checked, so a wrong
 * element is reported by its index; it may be flat (row-major, as the protocol says) or nested.
 */
public record InputTensor(String name, List<Long> shape, String datatype, Map<String, Object> parameters,
                          JsonNode data) {
}
