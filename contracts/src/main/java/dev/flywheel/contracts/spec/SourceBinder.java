package dev.flywheel.contracts.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Binds the {@code sources} section of a spec (a list) into {@link SourceSpec}s. The keys allowed in an item
 * depend on its {@code type}, so a key of another type ({@code select} on an {@code http_api} source) is reported
 * as unknown with the keys that type takes.
 */
final class SourceBinder {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final List<String> COMMON_KEYS = List.of("name", "type", "interval");
    private static final Map<SourceType, List<String>> TYPE_KEYS = Map.of(
            SourceType.HTTP_API, List.of("url", "records", "headers", "cursor", "pageSize", "retries"),
            SourceType.WEB_PAGE, List.of("url", "select", "fields", "userAgent", "minDelay"),
            SourceType.JDBC, List.of("url", "user", "password", "table", "query", "watermark", "key", "batchSize"));
    private static final List<String> CURSOR_KEYS = List.of("param", "start", "from");
    private static final List<String> PAGE_SIZE_KEYS = List.of("param", "value");

    private final ValueReader values;
    private final Problems problems;

    SourceBinder(ValueReader values) {
        this.values = values;
        this.problems = values.problems();
    }

    Optional<List<SourceSpec>> bind(YamlNode node) {
        int before = problems.count();
        Optional<List<YamlNode>> items = values.list(node);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<SourceSpec> sources = new ArrayList<>();
        Map<String, YamlNode> names = new HashMap<>();
        for (YamlNode item : items.get()) {
            bindOne(item, names).ifPresent(sources::add);
        }
        return problems.count() == before ? Optional.of(sources) : Optional.empty();
    }

    /**
     * One source; {@code taken} maps the names already used in the pipeline to where they were declared, and
     * gains this one.
     */
    Optional<SourceSpec> bindOne(YamlNode node, Map<String, YamlNode> taken) {
        int before = problems.count();
        Optional<YamlNode.Mapping> mapping = values.anyMapping(node);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Entry typeEntry = mapping.get().entries().get("type");
        Optional<SourceType> type = typeEntry == null ? Optional.empty() : values.keyword(typeEntry.value(), SourceType.class);
        if (type.isEmpty()) {
            if (typeEntry == null) {
                problems.report(YamlNode.childPath(node.path(), "type"), node.mark(),
                        "required key is missing; expected one of: http_api, web_page, jdbc");
            }
            // Without a type the other keys cannot be judged; only the name is checked.
            Optional.ofNullable(mapping.get().entries().get("name")).ifPresent(e -> name(e.value(), taken));
            return Optional.empty();
        }
        MappingReader m = new MappingReader(mapping.get(),
                Stream.concat(COMMON_KEYS.stream(), TYPE_KEYS.get(type.get()).stream()).toList(), problems);
        Optional<String> name = m.require("name").flatMap(n -> name(n, taken));
        Duration interval = m.get("interval").flatMap(n -> values.duration(n, true)).orElse(SourceSpec.DEFAULT_INTERVAL);
        Optional<SourceSpec> source = switch (type.get()) {
            case HTTP_API -> httpApi(m, name, interval);
            case WEB_PAGE -> webPage(m, name, interval);
            case JDBC -> jdbc(m, name, interval);
        };
        return problems.count() == before ? source : Optional.empty();
    }

    private Optional<String> name(YamlNode node, Map<String, YamlNode> taken) {
        Optional<String> name = values.name(node);
        if (name.isEmpty()) {
            return name;
        }
        if (!NAME.matcher(name.get()).matches()) {
            problems.report(node, "a source name is lower-case letters, digits and '-', starting with a letter or"
                    + " digit (it names the source's position and its transactional id)");
            return Optional.empty();
        }
        YamlNode first = taken.putIfAbsent(name.get(), node);
        if (first != null) {
            String where = first.mark().line() > 0 ? "first at line " + first.mark().line() : "the pipeline has it already";
            problems.report(node, "duplicate source name '" + name.get() + "' (" + where + ")");
            return Optional.empty();
        }
        return name;
    }

    private Optional<SourceSpec> httpApi(MappingReader m, Optional<String> name, Duration interval) {
        Optional<String> url = m.require("url").flatMap(this::httpUrl);
        Optional<String> records = m.get("records").flatMap(this::pointer);
        Map<String, String> headers = m.get("headers").map(this::headers).orElse(Map.of());
        Optional<ApiCursor> cursor = m.get("cursor").flatMap(this::cursor);
        Optional<ApiPageSize> pageSize = m.get("pageSize").flatMap(this::pageSize);
        int retries = m.get("retries").flatMap(n -> values.integer(n, NumberRange.closed(0, 20)))
                .orElse(HttpApiSource.DEFAULT_RETRIES);
        if (name.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HttpApiSource(name.get(), interval, url.get(), records, headers, cursor, pageSize, retries));
    }

    private Optional<SourceSpec> webPage(MappingReader m, Optional<String> name, Duration interval) {
        Optional<String> url = m.require("url").flatMap(this::httpUrl);
        Optional<String> select = m.require("select").flatMap(values::name);
        Optional<Map<String, ElementValue>> fields = m.require("fields").flatMap(this::fields);
        String userAgent = m.get("userAgent").flatMap(values::name).orElse(WebPageSource.DEFAULT_USER_AGENT);
        Duration minDelay = m.get("minDelay").flatMap(n -> values.duration(n, false))
                .orElse(WebPageSource.DEFAULT_MIN_DELAY);
        if (name.isEmpty() || url.isEmpty() || select.isEmpty() || fields.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebPageSource(name.get(), interval, url.get(), select.get(), fields.get(), userAgent,
                minDelay));
    }

    private Optional<SourceSpec> jdbc(MappingReader m, Optional<String> name, Duration interval) {
        Optional<String> url = m.require("url").flatMap(n -> referenced(n).filter(text -> {
            boolean jdbcUrl = text.startsWith("jdbc:") || text.startsWith("${");
            if (!jdbcUrl) {
                problems.report(n, "a database URL starts with 'jdbc:' (e.g. jdbc:postgresql://host:5432/db)");
            }
            return jdbcUrl;
        }));
        Optional<String> user = m.require("user").flatMap(this::referenced);
        Optional<String> password = m.require("password").flatMap(this::referenced);
        Optional<String> table = m.get("table").flatMap(values::name);
        Optional<String> query = m.get("query").flatMap(values::name);
        if (m.has("table") && m.has("query")) {
            m.reportKey("query", "give either table or query, not both");
        } else if (!m.has("table") && !m.has("query")) {
            m.reportMissing("table", "required key is missing: give table (a table to read) or query (a SELECT)");
        }
        Optional<String> watermark = m.require("watermark").flatMap(values::name);
        Optional<String> key = m.require("key").flatMap(values::name);
        int batchSize = m.get("batchSize").flatMap(n -> values.integer(n, NumberRange.atLeast(1)))
                .orElse(JdbcSource.DEFAULT_BATCH_SIZE);
        if (Stream.of(name, url, user, password, watermark, key).anyMatch(Optional::isEmpty)
                || table.isPresent() == query.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new JdbcSource(name.get(), interval, url.get(), user.get(), password.get(), table, query,
                watermark.get(), key.get(), batchSize));
    }

    /** An http(s) URL; one that starts with a reference ({@code ${BASE}/items}) is judged when resolved. */
    private Optional<String> httpUrl(YamlNode node) {
        return referenced(node).filter(url -> {
            boolean http = url.startsWith("http://") || url.startsWith("https://") || url.startsWith("${");
            if (!http) {
                problems.report(node, "expected an http:// or https:// URL but got " + node.describe());
            }
            return http;
        });
    }

    /** A non-empty string whose {@code ${NAME}} references are well formed. */
    private Optional<String> referenced(YamlNode node) {
        return values.name(node).filter(text -> {
            Optional<String> problem = EnvReferences.problem(text);
            problem.ifPresent(message -> problems.report(node, message));
            return problem.isEmpty();
        });
    }

    private Optional<String> pointer(YamlNode node) {
        return values.text(node).filter(text -> {
            try {
                JsonPointer.compile(text);
                return true;
            } catch (IllegalArgumentException e) {
                problems.report(node, "expected a JSON Pointer like /data/items (empty for the whole body) but got "
                        + node.describe());
                return false;
            }
        });
    }

    private Map<String, String> headers(YamlNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        values.anyMapping(node).ifPresent(mapping -> mapping.entries().forEach((header, entry) ->
                referenced(entry.value()).ifPresent(value -> headers.put(header, value))));
        return headers;
    }

    private Optional<ApiCursor> cursor(YamlNode node) {
        Optional<MappingReader> read = values.mapping(node, CURSOR_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = read.get();
        Optional<String> param = m.require("param").flatMap(values::name);
        if (m.has("start") && m.has("from")) {
            m.reportKey("from", "give either start (numbered pages) or from (a next-page token), not both");
            return Optional.empty();
        }
        if (m.has("from")) {
            Optional<String> from = m.get("from").flatMap(this::pointer);
            return param.flatMap(p -> from.map(f -> new ApiCursor.NextToken(p, f)));
        }
        if (!m.has("start")) {
            m.reportMissing("start", "required key is missing: give start (numbered pages: {param: page, start: 1})"
                    + " or from (JSON Pointer of the next-page token: {param: after, from: /next_cursor})");
            return Optional.empty();
        }
        Optional<Integer> start = m.get("start").flatMap(n -> values.integer(n, NumberRange.atLeast(0)));
        return param.flatMap(p -> start.map(s -> new ApiCursor.PageNumbers(p, s)));
    }

    private Optional<ApiPageSize> pageSize(YamlNode node) {
        return values.mapping(node, PAGE_SIZE_KEYS).flatMap(m -> {
            Optional<String> param = m.require("param").flatMap(values::name);
            Optional<Integer> value = m.require("value").flatMap(n -> values.integer(n, NumberRange.atLeast(1)));
            return param.flatMap(p -> value.map(v -> new ApiPageSize(p, v)));
        });
    }

    private Optional<Map<String, ElementValue>> fields(YamlNode node) {
        Optional<YamlNode.Mapping> mapping = values.anyMapping(node);
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        if (mapping.get().entries().isEmpty()) {
            problems.report(node, "must name at least one field");
            return Optional.empty();
        }
        Map<String, ElementValue> fields = new LinkedHashMap<>();
        mapping.get().entries().forEach((field, entry) -> values.text(entry.value()).ifPresent(text -> {
            Optional<ElementValue> value = ElementValue.parse(text);
            if (value.isEmpty()) {
                problems.report(entry.value(), "expected a CSS selector, optionally with @attribute (\"span.price\","
                        + " \"a.link@href\", \"@data-id\" for the record element) but got " + entry.value().describe());
            }
            value.ifPresent(v -> fields.put(field, v));
        }));
        return fields.size() == mapping.get().entries().size() ? Optional.of(fields) : Optional.empty();
    }
}
