package dev.flywheel.ingest.source.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;
import dev.flywheel.contracts.spec.ElementValue;
import dev.flywheel.contracts.spec.EnvReferences;
import dev.flywheel.contracts.spec.EventSchema;
import dev.flywheel.contracts.spec.FieldSpec;
import dev.flywheel.contracts.spec.FieldType;
import dev.flywheel.contracts.spec.WebPageSource;
import dev.flywheel.ingest.source.HttpFetcher;
import dev.flywheel.ingest.source.SeenRecords;
import dev.flywheel.ingest.source.SourceUnavailable;
import dev.flywheel.ingest.source.pull.PullBatch;
import dev.flywheel.ingest.source.pull.PullReader;

/**
 * Scrapes an HTML page ({@code type: web_page}) with jsoup: every element matching {@code select} is one record,
 * each field the text (or an attribute) of the first element matching its selector inside it. A field the schema
 * declares numeric or boolean is converted from its text when it reads as one, so the schema judges values, not
 * their HTML spelling. The page is fetched only when robots.txt allows it, and no sooner than {@code minDelay}
 * after the last request to its host.
 *
 * <p>A page has no order to resume from, so the position is the ids of the records emitted lately
 * ({@link SeenRecords}): scraping the same page again emits only the records that are new on it.
 */
public final class PageReader implements PullReader {

    private final WebPageSource spec;
    private final EventSchema schema;
    private final HttpFetcher http;
    private final HostPacer pacer;
    private final RobotsRules robots;
    private final SeenRecords seen;
    private final Evaluator select;
    private final Map<String, Optional<Evaluator>> fields = new java.util.LinkedHashMap<>();

    /** @throws IllegalArgumentException when a CSS selector of the spec does not parse */
    public PageReader(WebPageSource spec, EventSchema schema, HttpFetcher http, HostPacer pacer, RobotsRules robots,
                      SeenRecords seen) {
        this.spec = spec;
        this.schema = schema;
        this.http = http;
        this.pacer = pacer;
        this.robots = robots;
        this.seen = seen;
        this.select = selector("select", spec.select());
        spec.fields().forEach((name, value) -> fields.put(name,
                value.css().isEmpty() ? Optional.empty() : Optional.of(selector("fields." + name, value.css()))));
    }

    @Override
    public PullBatch read(Optional<String> position) throws SourceUnavailable, InterruptedException {
        URI page = URI.create(EnvReferences.resolve(spec.url()));
        if (!robots.allows(page, spec.userAgent(), spec.minDelay())) {
            throw new SourceUnavailable("robots.txt of " + page.getHost() + " disallows " + spec.url() + " for "
                    + spec.userAgent());
        }
        pacer.await(page, spec.minDelay());
        HttpFetcher.Answer answer;
        try {
            answer = http.get(page, spec.url(), Map.of("User-Agent", spec.userAgent(), "Accept", "text/html"), 0);
        } finally {
            pacer.done(page, spec.minDelay());
        }
        if (!answer.ok()) {
            throw new SourceUnavailable("GET " + spec.url() + " answered " + answer.status());
        }
        Document document = Jsoup.parse(answer.body(), page.toString());
        List<ObjectNode> records = new ArrayList<>();
        for (Element match : document.select(select)) {
            records.add(record(match));
        }
        SeenRecords.Fresh fresh = seen.fresh(records, position);
        return new PullBatch(fresh.records(), fresh.position(), true);
    }

    private ObjectNode record(Element match) {
        ObjectNode record = Json.mapper().createObjectNode();
        fields.forEach((name, css) -> {
            Element element = css.map(match::selectFirst).orElse(match);
            if (element == null) {
                return;
            }
            ElementValue where = spec.fields().get(name);
            String text = where.attribute().map(attribute -> attributeOf(element, attribute)).orElseGet(element::text);
            if (text != null) {
                put(record, name, text);
            }
        });
        return record;
    }

    /** Links and sources as absolute URLs (relative ones mean nothing outside the page); other attributes as is. */
    private static String attributeOf(Element element, String attribute) {
        if (!element.hasAttr(attribute)) {
            return null;
        }
        boolean link = attribute.equals("href") || attribute.equals("src");
        String absolute = link ? element.absUrl(attribute) : "";
        return absolute.isEmpty() ? element.attr(attribute) : absolute;
    }

    private void put(ObjectNode record, String name, String text) {
        FieldType type = schema.field(name).map(FieldSpec::type).orElse(FieldType.STRING);
        String trimmed = text.strip();
        if (type.isNumeric()) {
            try {
                record.put(name, new BigDecimal(trimmed));
                return;
            } catch (NumberFormatException notANumber) {
                // Left as text: the schema refuses it with the value shown.
            }
        }
        if (type == FieldType.BOOLEAN && (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false"))) {
            record.put(name, Boolean.parseBoolean(trimmed));
            return;
        }
        record.put(name, trimmed);
    }

    private static Evaluator selector(String key, String css) {
        try {
            return QueryParser.parse(css);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException(key + ": not a CSS selector: '" + css + "': " + e.getMessage(), e);
        }
    }
}
