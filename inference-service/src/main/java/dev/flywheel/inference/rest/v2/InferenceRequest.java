package dev.flywheel.inference.rest.v2;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v2/models/{name}/infer} (Open Inference Protocol, REST): the input tensors, and
 * optionally which outputs to return. {@code id} is echoed in the answer; {@code parameters} are accepted
 * and ignored.
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<InputTensor> inputs,
                               List<RequestedOutput> outputs) {

    /** An output the caller asks for by name; the others are left out of the answer. */
    public record RequestedOutput(String name, Map<String, Object> parameters) {
    }
}
