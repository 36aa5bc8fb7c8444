package dev.flywheel.ingest;

import java.io.IOException;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import dev.flywheel.contracts.Topic;
import dev.flywheel.contracts.event.EventIngested;
import dev.flywheel.contracts.json.Json;

/**
 * Writes an {@link EventIngested} as the bytes the events topic's own serde writes, field by field on Jackson's
 * generator instead of through its reflective record serializer (about a tenth of ingest's per-record time,
 * profiled). Consumes accepted events, produces their record values; {@code EventIngestedWriterTest} holds the two
 * byte for byte equal. Instants go through the mapper's own serializer, so they read exactly as everywhere else.
 */
final class EventIngestedWriter implements Serializer<EventIngested> {

    private final SerializerProvider provider;
    private final JsonSerializer<Object> instants;

    EventIngestedWriter() {
        this.provider = Json.mapper().getSerializerProviderInstance();
        try {
            this.instants = provider.findValueSerializer(Instant.class);
        } catch (JsonMappingException e) {
            throw new IllegalStateException("the shared JSON mapper has no serializer for Instant", e);
        }
    }

    /** The events topic of a pipeline with this writer for its values (its key serde and reader unchanged). */
    static Topic<String, EventIngested> topic(Topic<String, EventIngested> events) {
        Serde<EventIngested> values = Serdes.serdeFrom(new EventIngestedWriter(), events.valueSerde().deserializer());
        return new Topic<>(events.name(), events.keySerde(), values, events.valueType(), events.retention(),
                events.compacted());
    }

    @Override
    public byte[] serialize(String topic, EventIngested event) {
        if (event == null) {
            return null;
        }
        // Room for the envelope and a typical payload, so the builder seldom grows.
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        // Through the mapper, so the generator has its features (the same number text as the serde writes).
        try (JsonGenerator generator = Json.mapper().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("eventId", event.eventId());
            generator.writeNumberField("schemaVersion", event.schemaVersion());
            generator.writeStringField("pipeline", event.pipeline());
            instant(generator, "eventTime", event.eventTime());
            instant(generator, "ingestedAt", event.ingestedAt());
            generator.writeStringField("source", event.source());
            generator.writeFieldName("payload");
            payload(generator, event.payload());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new SerializationException("cannot write EventIngested for topic " + topic, e);
        }
        return out.toByteArray();
    }

    private void instant(JsonGenerator generator, String field, Instant value) throws IOException {
        generator.writeFieldName(field);
        if (value == null) {
            generator.writeNull();
        } else {
            instants.serialize(value, generator, provider);
        }
    }

    /** Bytes that arrived (a raw value) are copied as they are; a tree is written by the mapper. */
    private static void payload(JsonGenerator generator, JsonNode payload) throws IOException {
        if (payload instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw
                && raw.rawValue() instanceof SerializableString bytes) {
            generator.writeRawValue(bytes);
        } else {
            Json.mapper().writeTree(generator, payload);
        }
    }
}
