package dev.flywheel.contracts.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one field of a scraped record is, inside the record's element: the text of the first element matching
 * {@code css} ({@code "span.price"}), or one of its attributes ({@code "a.link@href"}). An empty selector
 * ({@code "@data-id"}) means the record element itself.
 */
public record ElementValue(String css, Optional<String> attribute) {

    public ElementValue {
        Objects.requireNonNull(css, "css");
        Objects.requireNonNull(attribute, "attribute");
    }

    /** Reads the spec notation {@code css} or {@code css@attribute}; the last {@code @} separates them. */
    static Optional<ElementValue> parse(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text.isBlank() ? Optional.empty() : Optional.of(new ElementValue(text.strip(), Optional.empty()));
        }
        String attribute = text.substring(at + 1).strip();
        if (attribute.isEmpty() || !attribute.matches("[A-Za-z_:][-A-Za-z0-9_:.]*")) {
            return Optional.empty();
        }
        return Optional.of(new ElementValue(text.substring(0, at).strip(), Optional.of(attribute)));
    }

    /** Back to the spec notation. */
    @Override
    public String toString() {
        return css + attribute.map(name -> "@" + name).orElse("");
    }
}
