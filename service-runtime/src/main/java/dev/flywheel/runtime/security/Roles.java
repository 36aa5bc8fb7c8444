package dev.flywheel.runtime.security;

import java.util.Set;

/**
 * The roles an API key can carry, named once for {@code @RolesAllowed} on every service's endpoints.
 *
 * <p>Reading (every {@code GET}, and the read-only SQL and profile queries) needs a valid key of any role
 * ({@code @Authenticated}) rather than one role of its own: whoever may send events, ask for predictions or run
 * the registry also needs to follow what they did (an upload's status, the served model, a run's report).
 * {@link #READ} is for keys that may do nothing else, such as a dashboard's or an on-call engineer's.
 */
public final class Roles {

    /** Send events and labels, upload files, poll sources. */
    public static final String INGEST = "ingest";
    /** Ask for predictions (Flywheel's API and the KServe Open Inference Protocol). */
    public static final String PREDICT = "predict";
    /** Change what runs: registry aliases, rollback, imports, training runs, shadow models, source declarations. */
    public static final String ADMIN = "admin";
    /** Read only. */
    public static final String READ = "read";

    /** Every role; a configured key must carry only these. */
    public static final Set<String> ALL = Set.of(INGEST, PREDICT, ADMIN, READ);

    private Roles() {
    }
}
