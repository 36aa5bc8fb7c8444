package dev.flywheel.inference.rest.v2;

import java.util.List;

/**
 * {@code GET /v2/models/{name}}: the model's name (the pipeline's), the version serving, its platform, and
 * the tensors {@code infer} takes and gives. A shape of {@code -1} is the number of rows.
 */
public record ModelMetadataResponse(String name, List<String> versions, String platform,
                                    List<TensorMetadata> inputs, List<TensorMetadata> outputs) {

    public record TensorMetadata(String name, String datatype, List<Long> shape) {
    }
}
