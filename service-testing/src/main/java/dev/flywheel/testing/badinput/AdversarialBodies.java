package dev.flywheel.testing.badinput;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generators of hostile request bodies, most of them made from one valid body so that they reach past the first
 * check: random bytes, the valid body truncated, a value of the wrong type (or NaN, Infinity, a 400-digit number, a
 * 100,000-character or random-Unicode string, an empty or mixed list, a nested object) at every field, a field
 * dropped or added, a key repeated, invalid UTF-8, nesting tens of thousands deep, and an enormous array that still
 * fits the body limit. Bodies are built with Jackson; the few that JSON cannot express (NaN, duplicate keys, cut
 * text) are edits of its output.
 */
public final class AdversarialBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for a raw token that JSON cannot hold (NaN); replaced in the written text. */
    private static final String RAW = "@@raw@@";
    /** Largest generated array body: big enough to matter, small enough for a test budget of seconds. */
    private static final int HUGE_ARRAY_BYTES = 64 * 1024;

    private AdversarialBodies() {
    }

    /**
     * Hostile JSON bodies derived from {@code valid}, none larger than {@code maxBytes} (the endpoint's body limit;
     * bodies beyond it are a separate test).
     */
    public static Gen<Payload> json(JsonNode valid, int maxBytes) {
        List<List<Object>> places = new ArrayList<>();
        collectPlaces(valid, new ArrayList<>(), places);
        Gen<List<Object>> place = Generate.pick(places);
        String validText = write(valid);
        return Generate.frequency(List.of(
                weight(4, place.zip(strangeValue(), (at, value) -> Payload.json("set " + pathOf(at) + " = "
                        + abbreviate(value.toString()), write(replaced(valid, at, value))))),
                weight(2, place.zip(rawToken(), (at, token) -> Payload.json("set " + pathOf(at) + " = " + token,
                        write(replaced(valid, at, NODES.textNode(RAW))).replace('"' + RAW + '"', token)))),
                weight(1, Generate.pick(places.stream().filter(at -> !at.isEmpty()).toList()).map(at ->
                        Payload.json("drop " + pathOf(at), write(removed(valid, at))))),
                weight(1, SourceDSL.strings().allPossible().ofLengthBetween(1, 20).map(key -> {
                    JsonNode copy = valid.deepCopy();
                    if (copy instanceof ObjectNode object) {
                        object.put(key, "surprise");
                    }
                    return Payload.json("add key " + key, write(copy));
                })),
                weight(2, SourceDSL.integers().between(0, validText.length() - 1).map(cut ->
                        Payload.json("cut at " + cut, validText.substring(0, cut)))),
                weight(1, duplicateKey(validText)),
                weight(2, randomBytes("application/json")),
                weight(1, invalidUtf8(validText)),
                weight(1, deepNesting(maxBytes)),
                weight(1, hugeArray(valid, maxBytes)),
                weight(1, hugeArray(NODES.numberNode(1), maxBytes)),
                weight(1, Generate.pick(List.of(Payload.json("empty body", ""), Payload.json("null", "null"),
                        Payload.json("a number", "42"), Payload.json("a string", "\"x\""), Payload.json("empty list", "[]"),
                        Payload.json("empty object", "{}"), Payload.json("two documents", validText + validText),
                        Payload.json("trailing garbage", validText + "}}"), Payload.json("BOM", "\uFEFF" + validText),
                        new Payload("valid JSON, wrong media type", validText.getBytes(StandardCharsets.UTF_8),
                                "text/plain"))))));
    }

    /**
     * Hostile query or path values, URL-encoded: random Unicode, numbers at the edges, timestamps that are not, SQL
     * and path tricks, long texts (within the 4 KiB request line the HTTP server takes at all).
     */
    public static Gen<String> queryValues() {
        return Generate.oneOf(
                SourceDSL.strings().allPossible().ofLengthBetween(0, 60),
                SourceDSL.integers().between(0, 1000).map("x"::repeat),
                Generate.pick(List.of("", " ", "-1", "0", "1e999", "NaN", "-Infinity", "9223372036854775808",
                        "2018-13-45T25:61:61Z", "2018-04-01", "yesterday", "P1D", "-P1D", "../../etc/passwd", "%00",
                        "' OR 1=1 --", "<script>", "\u0000", "null", "true", "[]", "{}", "😀", "‮"))
        ).map(value -> java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** Random bytes of up to 2,000, sent as {@code contentType}. */
    public static Gen<Payload> randomBytes(String contentType) {
        return Generate.byteArrays(SourceDSL.integers().between(0, 2000),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .map(bytes -> new Payload("random bytes", bytes, contentType));
    }

    /**
     * Hostile line-oriented bodies (NDJSON, CSV, TSV) from a valid one: cut, lines shuffled into noise, a line of
     * random Unicode, a very long line, a quote left open, a header alone, random bytes.
     */
    public static Gen<Payload> lines(String valid, String contentType, int maxBytes) {
        List<String> rows = List.of(valid.split("\n", -1));
        return Generate.oneOf(
                SourceDSL.integers().between(0, valid.length() - 1).map(cut ->
                        Payload.text("cut at " + cut, valid.substring(0, cut), contentType)),
                SourceDSL.strings().allPossible().ofLengthBetween(0, 200).map(noise ->
                        Payload.text("a line of noise", valid + noise + "\n", contentType)),
                Generate.pick(List.of(
                        // long lines: one within and one a little past ingest's 512 KiB record limit (rare: a refused
                        // record is kept with its text on the rejected topic, which other tests read from the start)
                        longLine(rows.get(0), Math.min(maxBytes / 4, 100_000), contentType),
                        longLine(rows.get(0), Math.min(maxBytes / 2, 530_000), contentType),
                        Payload.text("an open quote", valid.replaceFirst(",", ",\"open"), contentType),
                        Payload.text("the first line alone", rows.get(0), contentType),
                        Payload.text("blank lines", "\n\n\n", contentType),
                        Payload.text("NUL characters", valid.replace(',', '\u0000'), contentType),
                        Payload.text("CR line ends", valid.replace("\n", "\r"), contentType),
                        Payload.text("a thousand columns", rows.get(0) + ",x".repeat(1000) + "\n", contentType))),
                randomBytes(contentType),
                invalidUtf8(valid).map(p -> new Payload(p.description(), p.bytes(), contentType)));
    }

    private static Payload longLine(String header, int length, String contentType) {
        return Payload.text("a line of " + length + " characters", header + "\n" + "x".repeat(length) + "\n",
                contentType);
    }

    private static Gen<Payload> duplicateKey(String validText) {
        return Generate.pick(List.of(true, false)).map(first -> {
            int open = validText.indexOf('{');
            if (open < 0) {
                return Payload.json("a key twice (no object)", validText);
            }
            String repeated = first ? "\"k\":1,\"k\":\"two\"," : "";
            String text = validText.substring(0, open + 1) + repeated + validText.substring(open + 1);
            int colon = validText.indexOf(':', open);
            if (!first && colon > 0) {
                // the body's own first key again, with a value of another type
                text = validText.substring(0, open + 1) + validText.substring(open + 1, colon) + ":[[]],"
                        + validText.substring(open + 1);
            }
            return Payload.json("a key twice", text);
        });
    }

    private static Gen<Payload> invalidUtf8(String validText) {
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        return SourceDSL.integers().between(0, validText.length()).zip(SourceDSL.integers().between(0, broken.length - 1),
                (at, which) -> {
                    byte[] head = validText.substring(0, at).getBytes(StandardCharsets.UTF_8);
                    byte[] tail = validText.substring(at).getBytes(StandardCharsets.UTF_8);
                    byte[] bad = broken[which];
                    byte[] bytes = new byte[head.length + bad.length + tail.length];
                    System.arraycopy(head, 0, bytes, 0, head.length);
                    System.arraycopy(bad, 0, bytes, head.length, bad.length);
                    System.arraycopy(tail, 0, bytes, head.length + bad.length, tail.length);
                    return new Payload("invalid UTF-8 at " + at, bytes, "application/json");
                });
    }

    private static Gen<Payload> deepNesting(int maxBytes) {
        int most = Math.min(100_000, maxBytes / 6);
        return SourceDSL.integers().between(1, most).zip(Generate.booleans(), (depth, arrays) -> arrays
                ? Payload.json(depth + " nested lists", "[".repeat(depth) + "]".repeat(depth))
                : Payload.json(depth + " nested objects", "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
    }

    private static Gen<Payload> hugeArray(JsonNode valid, int maxBytes) {
        String item = write(valid);
        // Within the limit, but at most HUGE_ARRAY_BYTES: each element may become a record on the broker.
        int most = Math.max(1, (Math.min(maxBytes, HUGE_ARRAY_BYTES) - 2) / (item.length() + 1));
        return SourceDSL.integers().between(1, most).map(count -> {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < count; i++) {
                array.add(valid);
            }
            return Payload.json(count + " copies in a list", write(array));
        });
    }

    private static Gen<JsonNode> strangeValue() {
        return Generate.oneOf(
                Generate.pick(List.<JsonNode>of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0),
                        NODES.numberNode(-1), NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(Double.MAX_VALUE),
                        NODES.numberNode(new BigDecimal("1e400")), NODES.numberNode(new BigInteger("9".repeat(400))),
                        NODES.numberNode(4.9e-324), NODES.textNode(""), NODES.textNode("x".repeat(100_000)),
                        NODES.textNode("\u0000"), NODES.textNode("\uD800"), NODES.textNode("1e999"), NODES.arrayNode(),
                        NODES.arrayNode().add(1).add("two").add(NODES.nullNode()), NODES.objectNode(),
                        NODES.objectNode().set("a", NODES.objectNode().put("b", 1)))),
                SourceDSL.strings().allPossible().ofLengthBetween(0, 40).map(s -> (JsonNode) NODES.textNode(s)),
                SourceDSL.integers().all().map(i -> (JsonNode) NODES.numberNode(i)),
                SourceDSL.doubles().any().map(d -> Double.isFinite(d) ? (JsonNode) NODES.numberNode(d)
                        : NODES.textNode(Double.toString(d))));
    }

    private static Gen<String> rawToken() {
        return Generate.pick(List.of("NaN", "Infinity", "-Infinity", "1e999999", "-1e999999", "0x10", "01", "+1", ".5",
                "1" + "0".repeat(5000), "1e-999999", "undefined", "'single'", "tru", "nul", "1.", "--1"));
    }

    private static org.quicktheories.api.Pair<Integer, Gen<Payload>> weight(int weight, Gen<Payload> gen) {
        return org.quicktheories.api.Pair.of(weight, gen);
    }

    private static JsonNode replaced(JsonNode root, List<Object> at, JsonNode value) {
        if (at.isEmpty()) {
            return value;
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = get(copy, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    private static JsonNode removed(JsonNode root, List<Object> at) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = get(copy, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).remove(index);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
        return copy;
    }

    private static JsonNode get(JsonNode root, List<Object> at) {
        JsonNode node = root;
        for (Object step : at) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static void collectPlaces(JsonNode node, List<Object> at, List<List<Object>> places) {
        places.add(List.copyOf(at));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                List<Object> child = new ArrayList<>(at);
                child.add(entry.getKey());
                collectPlaces(entry.getValue(), child, places);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = new ArrayList<>(at);
                child.add(i);
                collectPlaces(node.get(i), child, places);
            }
        }
    }

    private static String pathOf(List<Object> at) {
        StringBuilder path = new StringBuilder("$");
        at.forEach(step -> path.append(step instanceof Integer index ? "[" + index + "]" : "." + step));
        return path.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "... (" + text.length() + " chars)";
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a generated body", e);
        }
    }
}
