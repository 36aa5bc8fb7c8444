package dev.flywheel.training.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The names a pipeline's versions can be pointed at by; moving {@code champion} is a promotion. */
public enum Alias {
    /** The version that serves: inference swaps to it on every move ({@code ModelPromoted}). */
    CHAMPION,
    /** A version under trial beside the champion ({@code ModelAliasMoved}). */
    CHALLENGER;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Alias> of(String keyword) {
        return Arrays.stream(values()).filter(alias -> alias.keyword().equals(keyword)).findFirst();
    }

    /** For error messages: {@code champion, challenger}. */
    public static String known() {
        return String.join(", ", Arrays.stream(values()).map(Alias::keyword).toList());
    }
}
