package dev.flywheel.feature.offline;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.flywheel.contracts.event.ExampleLabelled;
import dev.flywheel.contracts.json.Json;

/**
 * One JSON object per line: {@code {"event_id":..,"event_time":..,"features":{<spec order>},"label":..}}. A feature
 * the example lacks (the spec gained it later) is {@code null}.
 */
final class NdjsonExampleWriter implements ExampleRowWriter {

    private final JsonGenerator json;
    private final List<String> featureNames;

    NdjsonExampleWriter(OutputStream out, List<String> featureNames) throws IOException {
        this.featureNames = List.copyOf(featureNames);
        this.json = Json.mapper().getFactory().createGenerator(out)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // Without it, the generator separates root values by a space.
        this.json.setRootValueSeparator(null);
    }

    @Override
    public void write(ExampleLabelled example) throws IOException {
        json.writeStartObject();
        json.writeStringField(EVENT_ID, example.sourceEventId());
        json.writeStringField(EVENT_TIME, example.eventTime() == null ? null : example.eventTime().toString());
        json.writeObjectFieldStart("features");
        for (String feature : featureNames) {
            Double value = example.features().get(feature);
            if (value == null) {
                json.writeNullField(feature);
            } else {
                json.writeNumberField(feature, value);
            }
        }
        json.writeEndObject();
        json.writeNumberField(LABEL, example.label());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        json.flush();
    }
}
