package dev.flywheel.ingest.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The demo spec under another name ({@value #PIPELINE}), alone in a folder of its own: the bad-input properties send
 * tens of thousands of records, which would otherwise fill the card-fraud topics that other tests read from the start.
 */
public class BadInputPipelineProfile implements QuarkusTestProfile {

    static final String PIPELINE = "bad-input";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "bad-input-pipelines"));
            String demo = Files.readString(Path.of("..", "pipelines", "card-fraud.yaml"), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(PIPELINE + ".yaml"), demo.replaceFirst("(?m)^name: card-fraud$",
                    "name: " + PIPELINE), StandardCharsets.UTF_8);
            return Map.of("flywheel.pipelines-dir", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
