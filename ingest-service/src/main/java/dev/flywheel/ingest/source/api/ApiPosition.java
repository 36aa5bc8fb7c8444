package dev.flywheel.ingest.source.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import dev.flywheel.contracts.json.Json;

/**
 * Where an API source resumes: the page to request ({@code page} number or next-page {@code token}; neither: the
 * first page) and how many records at the start of that page were already published ({@code skip}). Keeping a
 * page that was not full, with its count, lets records appended to the last page be read on a later poll without
 * repeating the earlier ones. Position text: {@code {"page":3,"skip":2}} or {@code {"token":"abc","skip":0}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiPosition(Integer page, String token, int skip) {

    static ApiPosition parse(String text) {
        try {
            return Json.mapper().readValue(text, ApiPosition.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an API position: " + text, e);
        }
    }

    String text() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
