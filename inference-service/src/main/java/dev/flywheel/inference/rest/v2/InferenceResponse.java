package dev.flywheel.inference.rest.v2;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /v2/models/{name}/infer}: one output tensor per requested output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(@JsonProperty("model_name") String modelName,
                                @JsonProperty("model_version") String modelVersion, String id,
                                List<OutputTensor> outputs) {

    /** One output tensor; {@code data} is flat, one element per row. */
    public record OutputTensor(String name, String datatype, List<Long> shape, List<?> data) {
    }
}
