package dev.flywheel.training.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.flywheel.contracts.spec.PipelineSpec;

/**
 * Where a version comes from, recorded with it in the registry.
 *
 * @param parentVersion the champion when it was trained, or null for a pipeline's first model
 * @param driftEventId  the {@code DriftDetected} that started its training, or null
 * @param specHash      SHA-256 of the pipeline spec it was trained under ({@link #hashOf}), or null
 */
public record Lineage(String parentVersion, String driftEventId, String specHash) {

    public static final Lineage NONE = new Lineage(null, null, null);

    /** Properties and map keys sorted, Optionals by their content: the same spec always hashes the same. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    public static Lineage of(PipelineSpec spec, String parentVersion, String driftEventId) {
        return new Lineage(parentVersion, driftEventId, hashOf(spec));
    }

    /** SHA-256 (hex) of the spec as canonical JSON ({@link #canonical}). */
    public static String hashOf(PipelineSpec spec) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(spec)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The spec as JSON with sorted properties and map keys; its text form if it cannot be written as JSON
     * (a spec type Jackson cannot serialise must not stop a training).
     */
    static byte[] canonical(PipelineSpec spec) {
        try {
            return CANONICAL.writeValueAsBytes(spec);
        } catch (JsonProcessingException e) {
            return spec.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
