package dev.flywheel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flywheel.contracts.json.Json;

/**
 * The repository's {@code deploy/} folder as the tests read it: files by their path under the repository root,
 * YAML as plain maps and lists (SnakeYAML, which resolves compose's merge keys), JSON as Jackson trees.
 */
final class DeployFolder {

    private DeployFolder() {
    }

    /** The repository root: {@code flywheel.repository.root} (set by the build), else the parent folder. */
    static Path root() {
        return Path.of(System.getProperty("flywheel.repository.root", "..")).toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(relative + " does not exist under " + root());
        }
        return path;
    }

    static Map<String, Object> yaml(String relative) {
        return map(yamlAll(relative).get(0), relative);
    }

    static List<Object> yamlAll(String relative) {
        try {
            List<Object> documents = new ArrayList<>();
            new Yaml(new LoaderOptions()).loadAll(Files.readString(path(relative))).forEach(document -> {
                if (document != null) {
                    documents.add(document);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> yamlDocuments(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(text).forEach(document -> {
            if (document != null) {
                documents.add(map(document, "a rendered document"));
            }
        });
        return documents;
    }

    static JsonNode json(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new IllegalStateException(where + " must be a mapping but was " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String where) {
        if (!(node instanceof List)) {
            throw new IllegalStateException(where + " must be a list but was " + node);
        }
        return (List<Object>) node;
    }
}
