package dev.flywheel.testing.badinput;

import java.nio.charset.StandardCharsets;

/**
 * One request body of a bad-input property: its bytes, the Content-Type it is sent with, and how it was made
 * (what a failure report shows: long bodies are abbreviated to their size, head and tail).
 */
public record Payload(String description, byte[] bytes, String contentType) {

    public static Payload json(String description, String text) {
        return new Payload(description, text.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public static Payload text(String description, String text, String contentType) {
        return new Payload(description, text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    @Override
    public String toString() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String shown = text.length() <= 240 ? text
                : text.substring(0, 120) + " ... " + text.substring(text.length() - 120);
        return description + " (" + bytes.length + " bytes, " + contentType + "): " + shown;
    }
}
