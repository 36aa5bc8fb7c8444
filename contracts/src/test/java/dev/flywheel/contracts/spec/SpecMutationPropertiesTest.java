package dev.flywheel.contracts.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Properties of the spec loader over specs made by mutating the demo spec ({@code pipelines/card-fraud.yaml}) at
 * every field: a key dropped, a value of the wrong type, a bad duration, an unknown key, an out-of-range or
 * non-finite number, a bad regex, a reference to nothing or a cycle of references, and raw text damage (truncation,
 * random bytes, deep nesting, duplicate keys). Whatever the input, {@link PipelineSpecs#parse} either accepts the
 * spec or throws {@link SpecException} whose problems each name the file, a place and a reason; never another
 * exception.
 */
class SpecMutationPropertiesTest {

    private static final String FILE = "card-fraud.yaml";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");
    /** Modest, so the whole class stays within a few seconds; the seed is fixed so a failure replays. */
    private static final int TRIES = 300;
    private static final long SEED = 0x5EC5_11L;

    private static String demoText;
    private static JsonNode demo;
    /** Every place in the demo spec: key and index steps from the root. */
    private static List<List<Object>> places;

    @BeforeAll
    static void readTheDemoSpec() throws IOException {
        demoText = Files.readString(TestSpecs.DEMO, StandardCharsets.UTF_8);
        demo = YAML.readTree(demoText);
        places = new ArrayList<>();
        collectPlaces(demo, new ArrayList<>());
        // The unchanged demo is valid: every refusal below is caused by the mutation.
        PipelineSpecs.parse(FILE, YAML.writeValueAsString(demo));
    }

    @Test
    void aDroppedKeyIsAcceptedOrRefusedWithItsPlaceNamed() {
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(place()).checkAssert(at -> {
            // Given the demo without one key or list item
            JsonNode spec = demo.deepCopy();
            remove(spec, at);

            // When / Then
            assertAcceptedOrRefusedCleanly(spec, "drop " + pathOf(at));
        });
    }

    @Test
    void aValueOfTheWrongTypeAnywhereIsRefusedAtThatValue() {
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(place(), strangeValue()).checkAssert((at, value) -> {
            // Given one value replaced by a value of another shape (scalars, lists, mappings, NaN, huge numbers)
            JsonNode spec = demo.deepCopy();
            JsonNode before = get(spec, at);
            replace(spec, at, value);

            // When
            List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(spec, "set " + pathOf(at) + " = " + value);

            // Then a refusal that is about a value whose kind changed names that value, or the part holding it
            if (!problems.isEmpty() && before.getNodeType() != value.getNodeType() && !before.isTextual()) {
                assertThat(problems).as("problems of %s = %s", pathOf(at), value)
                        .anySatisfy(problem -> assertThat(related(problem.path(), pathOf(at)))
                                .as("'%s' relates to '%s'", problem.path(), pathOf(at)).isTrue());
            }
        });
    }

    @Test
    void anUnknownKeyInAnyMappingIsRefusedWithItsPath() {
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(mappingPlace(), unknownKey()).checkAssert((at, key) -> {
            // Given a key the spec does not define, added to one of its mappings
            JsonNode spec = demo.deepCopy();
            ObjectNode mapping = (ObjectNode) get(spec, at);
            mapping.put(key, "surprise");
            List<Object> keyPlace = new ArrayList<>(at);
            keyPlace.add(key);

            // When
            List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(spec, "add " + pathOf(keyPlace));

            // Then the key's own path is named, except in the few free-form mappings (schema fields, model params)
            boolean freeForm = pathOf(at).equals("schema") || pathOf(at).endsWith(".params");
            if (!freeForm) {
                assertThat(problems).extracting(SpecProblem::path).contains(pathOf(keyPlace));
            }
        });
    }

    @Test
    void aBadDurationIsRefusedAtItsField() {
        List<List<Object>> durations = places.stream()
                .filter(at -> get(demo, at).isTextual() && DURATION.matcher(get(demo, at).asText()).matches())
                .toList();
        Gen<String> bad = Generate.pick(List.of("7 parsecs", "-3d", "d", "1.5.5h", "99999999999999999999d",
                "9223372036854775807d", "P1D", "", " ", "7x", "∞d", "7d7d", "0x10s"));
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(Generate.pick(durations), bad).checkAssert((at, text) -> {
            // Given a duration field holding something that is no duration
            JsonNode spec = demo.deepCopy();
            replace(spec, at, NODES.textNode(text));

            // When
            List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(spec, pathOf(at) + " = " + text);

            // Then it is refused, at that field
            assertThat(problems).as("%s = '%s' is refused", pathOf(at), text).extracting(SpecProblem::path)
                    .contains(pathOf(at));
        });
    }

    @Test
    void anOutOfRangeNumberIsAcceptedOrRefusedAtItsField() {
        List<List<Object>> numbers = places.stream().filter(at -> get(demo, at).isNumber()).toList();
        Gen<JsonNode> extreme = Generate.pick(List.of(NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(new BigDecimal("1e400")), NODES.numberNode(new BigDecimal("-1e400")),
                NODES.numberNode(new BigInteger("123456789012345678901234567890")), NODES.numberNode(1e-320),
                NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(2.5), NODES.numberNode(Double.NaN),
                NODES.numberNode(Double.POSITIVE_INFINITY), NODES.numberNode(Double.NEGATIVE_INFINITY)));
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(Generate.pick(numbers), extreme).checkAssert((at, number) -> {
            // Given a number replaced by an extreme one
            JsonNode spec = demo.deepCopy();
            replace(spec, at, number);

            // When
            List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(spec, pathOf(at) + " = " + number);

            // Then a refusal names that number's field
            if (!problems.isEmpty()) {
                assertThat(problems).extracting(SpecProblem::path).anySatisfy(path ->
                        assertThat(related(path, pathOf(at))).as("'%s' relates to '%s'", path, pathOf(at)).isTrue());
            }
        });
    }

    @Test
    void aBadRegexInAStringFieldIsRefusedWithThePatternNamed() {
        List<String> stringFields = List.of("transaction_id", "customer_id", "terminal_id");
        Gen<String> regex = Generate.pick(List.of("[unclosed", "(a", "*x", "a{2,1}", "\\", "(?<n>a)(?<n>b)", "\\k<none>",
                "[z-a]", "a**+", "(?"));
        qt().withFixedSeed(SEED).withExamples(TRIES).forAll(Generate.pick(stringFields), regex).checkAssert((field, text) -> {
            // Given a string field with a pattern that does not compile
            JsonNode spec = demo.deepCopy();
            ((ObjectNode) spec.get("schema").get(field)).put("pattern", text);

            // When
            List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(spec, field + ".pattern = " + text);

            // Then
            assertThat(problems).extracting(SpecProblem::path).contains("schema." + field + ".pattern");
        });
    }

    @Test
    void referencesToNothingAndCyclesAreRefused() {
        Gen<List<JsonNode>> broken = Generate.pick(List.of(
                List.of(feature("a", "ratio", List.of("b", "tx_amount")), feature("b", "ratio", List.of("a", "tx_amount"))),
                List.of(feature("self", "ratio", List.of("self", "tx_amount"))),
                List.of(feature("ghost", "ratio", List.of("no_such_feature", "tx_amount"))),
                List.of(feature("unknown_of", "value", "no_such_field")),
                List.of(NODES.objectNode().put("name", "by_nobody").put("aggregate", "count").put("by", "nobody")
                        .put("window", "1d")),
                List.of(feature("tx_amount", "value", "tx_amount"))));
        qt().withFixedSeed(SEED).withExamples(60).forAll(broken).checkAssert(features -> {
            // Given features that refer to nothing, to themselves, to each other, or repeat a name
            JsonNode spec = demo.deepCopy();
            features.forEach(((ArrayNode) spec.get("features"))::add);

            // When
            List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(spec, "features + " + features);

            // Then refused, naming a feature
            assertThat(problems).as("refused: %s", features).extracting(SpecProblem::path)
                    .anySatisfy(path -> assertThat(path).startsWith("features["));
        });
    }

    @Test
    void damagedTextIsAcceptedOrRefusedNeverAnotherException() {
        Gen<String> damaged = Generate.oneOf(
                // truncated anywhere
                SourceDSL.integers().between(0, demoText.length()).map(cut -> demoText.substring(0, cut)),
                // a random span replaced by random characters from the whole of Unicode
                SourceDSL.integers().between(0, demoText.length() - 1).zip(
                        SourceDSL.strings().allPossible().ofLengthBetween(1, 40),
                        (at, noise) -> demoText.substring(0, at) + noise + demoText.substring(at)),
                // random bytes read as UTF-8 (invalid sequences become U+FFFD)
                Generate.byteArrays(SourceDSL.integers().between(0, 2000), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE,
                        (byte) 0)).map(bytes -> new String(bytes, StandardCharsets.UTF_8)),
                // deep nesting, in flow and block style
                SourceDSL.integers().between(1, 3000).map(depth -> "name: x\nschema: " + "[".repeat(depth)
                        + "]".repeat(depth) + "\n"),
                SourceDSL.integers().between(1, 3000).map(depth -> demoText + "\nextra: " + "{a: ".repeat(depth)
                        + "1" + "}".repeat(depth) + "\n"),
                // a key repeated, a second document, anchors and tags
                Generate.pick(List.of(demoText + "\nname: again\n", demoText + "\n---\nname: second\n",
                        demoText.replace("name: card-fraud", "name: &a card-fraud\nalias: *a"),
                        demoText.replace("name: card-fraud", "name: !!binary aGVsbG8="),
                        demoText.replace("threshold: 0.5", "threshold: .nan"),
                        demoText.replace("threshold: 0.5", "threshold: .inf"),
                        demoText.replace("minExamples: 1000", "minExamples: 1" + "0".repeat(5000)),
                        demoText.replace("description: >-", "description: " + "x".repeat(200_000) + "\nnotes: >-"),
                        "\uFEFF" + demoText, "\u0000", "[]", "42", "~", "'just text'", "name:")));
        qt().withFixedSeed(SEED).withExamples(TRIES / 2).withShrinkCycles(20)
                .forAll(damaged.describedAs(SpecMutationPropertiesTest::abbreviated))
                .checkAssert(text -> assertAcceptedOrRefusedCleanly(text, "damaged text"));
    }

    @Test
    void thousandsOfNestedBracketsAreAProblemNotAStackOverflow() {
        // Given a value nested 5,000 levels deep (it overflowed the reader's recursion before the depth bound)
        String yaml = demoText + "\nextra: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

        // When
        List<SpecProblem> problems = assertAcceptedOrRefusedCleanly(yaml, "deep nesting");

        // Then
        assertThat(problems).extracting(SpecProblem::message)
                .contains("nested deeper than " + YamlTreeReader.MAX_DEPTH + " levels; a pipeline spec needs a few");
    }

    /** Parses the spec: accepted (no problems) or refused with well-formed problems; anything else fails. */
    private static List<SpecProblem> assertAcceptedOrRefusedCleanly(JsonNode spec, String what) {
        String text;
        try {
            text = YAML.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return assertAcceptedOrRefusedCleanly(text, what);
    }

    private static List<SpecProblem> assertAcceptedOrRefusedCleanly(String text, String what) {
        try {
            PipelineSpecs.parse(FILE, text);
            return List.of();
        } catch (SpecException refused) {
            assertThat(refused.problems()).as("problems of a refused spec (%s)", what).isNotEmpty();
            assertThat(refused.problems()).allSatisfy(problem -> {
                assertThat(problem.file()).isEqualTo(FILE);
                assertThat(problem.message()).as("message of %s", problem).isNotBlank();
                assertThat(problem.line()).as("line of %s", problem).isGreaterThanOrEqualTo(0);
            });
            return refused.problems();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError other) {
            throw new AssertionError("spec loader threw " + other + " for " + what, other);
        }
    }

    /** Any place but the root. */
    private static Gen<List<Object>> place() {
        List<List<Object>> choices = places.stream().filter(at -> !at.isEmpty()).toList();
        return Generate.pick(choices).describedAs(SpecMutationPropertiesTest::pathOf);
    }

    /** A long text as its length, head and tail, so a failure report stays readable. */
    private static String abbreviated(String text) {
        return text.length() <= 300 ? text
                : text.length() + " chars: " + text.substring(0, 150) + " ... " + text.substring(text.length() - 150);
    }

    private static Gen<List<Object>> mappingPlace() {
        return Generate.pick(places.stream().filter(at -> get(demo, at).isObject()).toList())
                .describedAs(SpecMutationPropertiesTest::pathOf);
    }

    private static Gen<String> unknownKey() {
        return Generate.oneOf(Generate.pick(List.of("surprise", "Name", "featuers", "ñame", "key with spaces", "0",
                        "x".repeat(5000), "\u202Eevil", "😀")),
                SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(1, 30).map(s -> "zz" + s));
    }

    private static Gen<JsonNode> strangeValue() {
        return Generate.oneOf(
                Generate.pick(List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0),
                        NODES.numberNode(-1), NODES.numberNode(Double.NaN), NODES.numberNode(Double.POSITIVE_INFINITY),
                        NODES.numberNode(new BigDecimal("1e999")), NODES.numberNode(new BigInteger("9".repeat(400))),
                        NODES.textNode(""), NODES.textNode("x".repeat(100_000)), NODES.arrayNode(),
                        NODES.arrayNode().add(1).add("two"), NODES.objectNode(), NODES.objectNode().put("a", 1))),
                SourceDSL.strings().allPossible().ofLengthBetween(0, 50).map(s -> (JsonNode) NODES.textNode(s)),
                SourceDSL.integers().all().map(i -> (JsonNode) NODES.numberNode(i)),
                SourceDSL.doubles().any().map(d -> (JsonNode) NODES.numberNode(d)));
    }

    private static JsonNode feature(String name, String kind, Object value) {
        ObjectNode feature = NODES.objectNode().put("name", name);
        if (value instanceof List<?> list) {
            ArrayNode items = feature.putArray(kind);
            list.forEach(item -> items.add(item.toString()));
        } else {
            feature.put(kind, value.toString());
        }
        return feature;
    }

    private static void collectPlaces(JsonNode node, List<Object> at) {
        places.add(List.copyOf(at));
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                List<Object> child = new ArrayList<>(at);
                child.add(entry.getKey());
                collectPlaces(entry.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = new ArrayList<>(at);
                child.add(i);
                collectPlaces(node.get(i), child);
            }
        }
    }

    private static JsonNode get(JsonNode root, List<Object> at) {
        JsonNode node = root;
        for (Object step : at) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static void remove(JsonNode root, List<Object> at) {
        JsonNode parent = get(root, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).remove(index);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
    }

    private static void replace(JsonNode root, List<Object> at, JsonNode value) {
        JsonNode parent = get(root, at.subList(0, at.size() - 1));
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** A place as the loader writes paths: {@code features[3].of}. */
    private static String pathOf(List<Object> at) {
        StringBuilder path = new StringBuilder();
        for (Object step : at) {
            if (step instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(step);
            }
        }
        return path.toString();
    }

    /**
     * The problem is about the changed value, a part of it, or the mapping holding it (a field of the same holder, as
     * {@code max} below a changed {@code min}); never merely the document as a whole.
     */
    private static boolean related(String problemPath, String mutatedPath) {
        if (problemPath.isEmpty()) {
            return false;
        }
        String holder = holderOf(mutatedPath);
        return problemPath.equals(mutatedPath) || isInside(problemPath, mutatedPath) || isInside(mutatedPath, problemPath)
                || !holder.isEmpty() && isInside(problemPath, holder);
    }

    private static String holderOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static boolean isInside(String inner, String outer) {
        return inner.length() > outer.length() && inner.startsWith(outer) && (inner.charAt(outer.length()) == '.' || inner.charAt(outer.length()) == '[');
    }
}
