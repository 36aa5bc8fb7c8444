package dev.flywheel.contracts.spec;

/**
 * How an {@link HttpApiSource} asks for the page after the one it read; the two forms cover the common APIs.
 */
public sealed interface ApiCursor {

    /** The query parameter that carries the page number or the token. */
    String param();

    /**
     * Numbered pages ({@code {param: page, start: 1}}): page {@code start}, then {@code start + 1}, ..., until a
     * page comes back empty.
     */
    record PageNumbers(String param, int start) implements ApiCursor {
    }

    /**
     * A token in each response that names the next page ({@code {param: after, from: /next_cursor}}); the last
     * page has none (absent or null).
     *
     * @param from JSON Pointer to the token in the response
     */
    record NextToken(String param, String from) implements ApiCursor {
    }
}
