package dev.flywheel.contracts.spec;

import java.util.Locale;

/** What happens to event fields the schema does not declare. */
public enum AdditionalFields implements SpecKeyword {
    /** Kept and passed on; producers may add fields before the spec knows them. */
    ALLOW,
    /** The event is refused, naming each undeclared field. */
    REJECT;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
