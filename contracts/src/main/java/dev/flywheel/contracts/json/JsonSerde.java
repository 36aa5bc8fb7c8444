package dev.flywheel.contracts.json;

import java.io.IOException;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Kafka serde for a Flywheel event type, written with {@link Json#mapper()}.
 *
 * <p>A record that cannot be read throws {@link SerializationException} naming the type, so that a
 * consumer's dead-letter handling can route the poison record instead of stopping.
 *
 * <p>Clients that instantiate deserializers by class name (SmallRye Reactive Messaging, kcat-fed
 * console consumers) use the no-argument constructor and name the value type in the client
 * property {@value #TYPE_CONFIG}.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** Client property holding the fully qualified class of the value, for by-name instantiation. */
    public static final String TYPE_CONFIG = "flywheel.json.type";

    private Class<T> type;
    private ObjectReader reader;
    private ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        bind(type);
    }

    /** For clients that create deserializers by class name; {@link #configure} supplies the type. */
    public JsonSerde() {
    }

    public Class<T> type() {
        return type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (type != null) {
            return;
        }
        Object named = configs.get(TYPE_CONFIG);
        if (named == null) {
            throw new IllegalStateException("JsonSerde created by class name needs the client property " + TYPE_CONFIG);
        }
        try {
            bind((Class<T>) Class.forName(named.toString(), true, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(TYPE_CONFIG + " names an unknown class: " + named, e);
        }
    }

    private void bind(Class<T> valueType) {
        this.type = valueType;
        this.reader = Json.mapper().readerFor(valueType);
        this.writer = Json.mapper().writerFor(valueType);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw new SerializationException("record on " + topic + " is not a valid " + type.getSimpleName()
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void close() {
    }
}
