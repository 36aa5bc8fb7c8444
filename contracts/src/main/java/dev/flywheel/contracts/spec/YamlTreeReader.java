package dev.flywheel.contracts.spec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML text into a {@link YamlNode} tree by walking Jackson's YAML tokens, recording where every
 * value and key starts. Jackson's own tree model would lose those positions, and the positions are what
 * make a spec error actionable.
 *
 * <p>Syntax errors, duplicate keys and extra documents are reported to {@link Problems}.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /**
     * Deepest nesting read; a spec needs five levels ({@code model.candidates[0].params.hidden[0]}). Without a
     * bound, a few thousand nested brackets overflowed the stack instead of being reported.
     */
    static final int MAX_DEPTH = 32;

    private final Problems problems;

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when the text is not YAML or holds no document (already reported). */
    Optional<YamlNode> read(String yaml) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            if (parser.nextToken() == null) {
                problems.report("", new SourceMark(1, 1), "the file holds no YAML document; expected a pipeline spec");
                return Optional.empty();
            }
            YamlNode root = readValue(parser, "", 1);
            if (parser.nextToken() != null) {
                problems.report("", mark(parser.currentTokenLocation()),
                        "a second YAML document; a spec file holds exactly one pipeline");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            reportSyntaxError(e);
            return Optional.empty();
        } catch (IOException e) {
            problems.report("", SourceMark.FILE, "cannot read YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private YamlNode readValue(JsonParser parser, String path, int depth) throws IOException {
        SourceMark start = mark(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (token.isStructStart() && depth > MAX_DEPTH) {
            problems.report(path, start, "nested deeper than " + MAX_DEPTH + " levels; a pipeline spec needs a few");
            parser.skipChildren();
            return new YamlNode.Scalar(path, start, null);
        }
        return switch (token) {
            case START_OBJECT -> readMapping(parser, path, start, depth);
            case START_ARRAY -> readSequence(parser, path, start, depth);
            case VALUE_STRING -> new YamlNode.Scalar(path, start, parser.getText());
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(path, start, parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(path, start, parser.getDecimalValue());
            case VALUE_TRUE -> new YamlNode.Scalar(path, start, Boolean.TRUE);
            case VALUE_FALSE -> new YamlNode.Scalar(path, start, Boolean.FALSE);
            case VALUE_NULL -> new YamlNode.Scalar(path, start, null);
            default -> {
                problems.report(path, start, "unsupported YAML value (" + token + ")");
                yield new YamlNode.Scalar(path, start, null);
            }
        };
    }

    private YamlNode readMapping(JsonParser parser, String path, SourceMark start, int depth) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceMark keyMark = mark(parser.currentTokenLocation());
            parser.nextToken();
            YamlNode value = readValue(parser, YamlNode.childPath(path, key), depth + 1);
            YamlNode.Entry first = entries.get(key);
            if (first == null) {
                entries.put(key, new YamlNode.Entry(key, keyMark, value));
            } else {
                // YAML forbids duplicate keys, but most parsers keep the last one silently.
                problems.report(YamlNode.childPath(path, key), keyMark,
                        "duplicate key '" + key + "' (first at line " + first.keyMark().line() + ")");
            }
        }
        return new YamlNode.Mapping(path, start, entries);
    }

    private YamlNode readSequence(JsonParser parser, String path, SourceMark start, int depth) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, YamlNode.itemPath(path, items.size()), depth + 1));
        }
        return new YamlNode.Sequence(path, start, items);
    }

    private void reportSyntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            SourceMark at = new SourceMark(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            problems.report("", at, "YAML syntax error: " + yaml.getProblem() + context);
        } else {
            problems.report("", mark(e.getLocation()), "YAML syntax error: " + e.getOriginalMessage());
        }
    }

    private static SourceMark mark(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return SourceMark.FILE;
        }
        return new SourceMark(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
}
