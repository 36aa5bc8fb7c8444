package dev.flywheel.contracts.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value that arrived as UTF-8 bytes and was already parsed and found valid, kept as those bytes so that
 * writing an event around it copies them instead of writing the parsed tree out again (a quarter of what ingest
 * spent per record from Kafka). Readers of the written event see the same JSON the producer sent.
 *
 * <p>Jackson writes a {@link SerializableString} inside a {@link RawValue} byte for byte; the methods for quoted
 * output are never used for a raw value and answer with the text quoted, as {@code SerializedString} does.
 */
public final class RawJson implements SerializableString {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private RawJson(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /**
     * A tree node that writes {@code utf8} as it is. The caller has parsed {@code utf8} as exactly one JSON value
     * (nothing after it); a leading byte-order mark, which a JSON parser skips, is left out.
     */
    public static JsonNode node(byte[] utf8) {
        int start = startsWithBom(utf8) ? UTF8_BOM.length : 0;
        return JsonNodeFactory.instance.rawValueNode(new RawValue(new RawJson(utf8, start, utf8.length - start)));
    }

    private static boolean startsWithBom(byte[] utf8) {
        return utf8.length >= UTF8_BOM.length && Arrays.equals(utf8, 0, UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return quoted().asQuotedChars();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quoted().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        return quoted().appendQuotedUTF8(buffer, at);
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        return quoted().appendQuoted(buffer, at);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        String value = getValue();
        if (at + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, at);
        return value.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return quoted().writeQuotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return quoted().putQuotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }

    private SerializableString quoted() {
        return new com.fasterxml.jackson.core.io.SerializedString(getValue());
    }

    @Override
    public String toString() {
        return getValue();
    }
}
