package dev.flywheel.contracts.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping whose keys are known in advance. Unknown keys are reported when it is created, with the
 * nearest known key as a suggestion, because a misspelt optional key would otherwise be silently ignored.
 */
final class MappingReader {

    private final YamlNode.Mapping node;
    private final Problems problems;
    /** Known keys that an unknown key was taken for a typo of; their absence is not reported again. */
    private final Set<String> suggested = new HashSet<>();

    MappingReader(YamlNode.Mapping node, List<String> allowedKeys, Problems problems) {
        this.node = node;
        this.problems = problems;
        for (YamlNode.Entry entry : node.entries().values()) {
            if (!allowedKeys.contains(entry.key())) {
                reportKey(entry.key(), ClosestMatch.unknown("unknown key", entry.key(), allowedKeys, "allowed keys are"));
                ClosestMatch.among(entry.key(), allowedKeys).ifPresent(suggested::add);
            }
        }
    }

    YamlNode.Mapping node() {
        return node;
    }

    Set<String> keys() {
        return node.entries().keySet();
    }

    boolean has(String key) {
        return node.entries().containsKey(key);
    }

    Optional<YamlNode> get(String key) {
        return Optional.ofNullable(node.entries().get(key)).map(YamlNode.Entry::value);
    }

    /** The value of a key that must be present; its absence is reported at the mapping. */
    Optional<YamlNode> require(String key) {
        Optional<YamlNode> value = get(key);
        if (value.isEmpty()) {
            reportMissing(key, "required key is missing");
        }
        return value;
    }

    /** A problem about a key of this mapping, at the key's position. */
    void reportKey(String key, String message) {
        YamlNode.Entry entry = node.entries().get(key);
        problems.report(YamlNode.childPath(node.path(), key), entry.keyMark(), message);
    }

    /**
     * A problem about a key that is absent, at the mapping's position but named by its own path; skipped when
     * a misspelling of the key was already reported ("unknown key 'windw'; did you mean 'window'?").
     */
    void reportMissing(String key, String message) {
        if (!suggested.contains(key)) {
            problems.report(YamlNode.childPath(node.path(), key), node.mark(), message);
        }
    }
}
