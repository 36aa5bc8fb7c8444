package dev.flywheel.contracts.spec;

import java.util.Locale;

/** The kinds of pull source the ingest service reads (spec key {@code sources[].type}). */
public enum SourceType implements SpecKeyword {
    /** A JSON API over HTTP, read page by page. */
    HTTP_API,
    /** An HTML page, scraped with CSS selectors. */
    WEB_PAGE,
    /** A database table or query, read in watermark order. */
    JDBC;

    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
