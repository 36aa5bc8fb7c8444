package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An HTML page scraped with CSS selectors ({@code type: web_page}): each element matching {@code select} is one
 * record, whose fields are read inside that element.
 *
 * @param url       the page; may hold {@code ${NAME}} references
 * @param select    CSS selector of the record elements (checked by the reader when it starts)
 * @param fields    output field name → where its value is, in file order
 * @param userAgent sent with every request and matched against robots.txt groups
 * @param minDelay  the least time between two requests to the page's host (robots.txt included)
 */
public record WebPageSource(String name, Duration interval, String url, String select, Map<String, ElementValue> fields,
                            String userAgent, Duration minDelay) implements SourceSpec {

    public static final String DEFAULT_USER_AGENT = "FlywheelBot/0.1";
    public static final Duration DEFAULT_MIN_DELAY = Duration.ofSeconds(1);

    public WebPageSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(select, "select");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(minDelay, "minDelay");
    }

    @Override
    public SourceType type() {
        return SourceType.WEB_PAGE;
    }
}
