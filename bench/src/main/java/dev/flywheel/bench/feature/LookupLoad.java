package dev.flywheel.bench.feature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Lookups against one feature-service instance, from a few client threads each pausing after every answer, with
 * four kinds interleaved so they share the same conditions: an entity this instance owns (answered from its own
 * store), one the other instance owns (forwarded there: one more HTTP hop), a merged customer + terminal vector, and
 * as a baseline {@code GET /v1/pipelines} (the service's cheapest JSON answer: what HTTP and the client cost here).
 * Consumes the entities of a preloaded run; produces one {@code lookup-result} line per kind with its latency
 * percentiles, measured from send to the last byte of the answer.
 */
final class LookupLoad {

    private static final String SERVED_BY = "X-Flywheel-Served-By";

    /** What a lookup asks for. */
    enum Kind { BASELINE, LOCAL, ROUTED, MERGED }

    private final LookupEntities entities;
    private final String url;
    private final String self;
    private final int threads;
    private final Duration pause;

    LookupLoad(LookupEntities entities, String url, String self, int threads, Duration pause) {
        this.entities = entities;
        this.url = url;
        this.self = self;
        this.threads = threads;
        this.pause = pause;
    }

    List<String> run(Duration warmup, Duration measured) throws IOException, InterruptedException {
        Map<Kind, List<URI>> targets = classify();
        if (targets.get(Kind.LOCAL).isEmpty() || targets.get(Kind.ROUTED).isEmpty()) {
            throw new IllegalStateException("one instance owns every entity (local " + targets.get(Kind.LOCAL).size()
                    + ", routed " + targets.get(Kind.ROUTED).size() + "): nothing to compare");
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        List<Client> clients = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Client client = new Client(targets, measureFrom, end, i);
            clients.add(client);
            Thread thread = new Thread(client, "lookup-" + i);
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        double seconds = measured.toNanos() / 1e9;
        List<String> lines = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            long[] all = clients.stream().map(c -> c.latencies.get(kind)).map(Latencies::values)
                    .flatMapToLong(Arrays::stream).sorted().toArray();
            long notOk = clients.stream().mapToLong(c -> c.notOk.get(kind)[0]).sum();
            long moved = clients.stream().mapToLong(c -> c.moved.get(kind)[0]).sum();
            lines.add("lookup-result kind=" + kind.name().toLowerCase() + " keys=" + targets.get(kind).size()
                    + " requests=" + all.length + " not_ok=" + notOk + " owner_changed=" + moved
                    + " rate=" + Math.round(all.length / seconds)
                    + " p50_us=" + percentile(all, 0.50) + " p90_us=" + percentile(all, 0.90)
                    + " p99_us=" + percentile(all, 0.99) + " p999_us=" + percentile(all, 0.999)
                    + " max_us=" + (all.length == 0 ? 0 : all[all.length - 1] / 1000));
        }
        return lines;
    }

    /** Asks once for every entity, to learn which ones this instance owns. */
    private Map<Kind, List<URI>> classify() throws IOException, InterruptedException {
        HttpClient http = client();
        Map<Kind, List<URI>> targets = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            targets.put(kind, new ArrayList<>());
        }
        String base = url + "/v1/pipelines/" + entities.pipeline() + "/features";
        for (int i = 0; i < entities.count(); i++) {
            for (String path : List.of("/customer_id/" + entities.customer(i), "/terminal_id/" + entities.terminal(i))) {
                URI uri = URI.create(base + path);
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(uri + " answered " + answer.statusCode());
                }
                boolean local = self.equals(answer.headers().firstValue(SERVED_BY).orElse(""));
                targets.get(local ? Kind.LOCAL : Kind.ROUTED).add(uri);
            }
            targets.get(Kind.MERGED).add(URI.create(base + "?customer_id=" + entities.customer(i) + "&terminal_id="
                    + entities.terminal(i)));
        }
        targets.get(Kind.BASELINE).add(URI.create(url + "/v1/pipelines"));
        return targets;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000;
    }

    /** A growable array of nanosecond latencies. */
    private static final class Latencies {
        private long[] values = new long[1 << 14];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        long[] values() {
            return Arrays.copyOf(values, size);
        }
    }

    /** One client thread: its own connection, kinds in turn, a pause after every answer. */
    private final class Client implements Runnable {
        final Map<Kind, Latencies> latencies = new EnumMap<>(Kind.class);
        final Map<Kind, long[]> notOk = new EnumMap<>(Kind.class);
        final Map<Kind, long[]> moved = new EnumMap<>(Kind.class);
        private final Map<Kind, List<URI>> targets;
        private final long measureFrom;
        private final long end;
        private final int offset;

        Client(Map<Kind, List<URI>> targets, long measureFrom, long end, int offset) {
            this.targets = targets;
            this.measureFrom = measureFrom;
            this.end = end;
            this.offset = offset;
            for (Kind kind : Kind.values()) {
                latencies.put(kind, new Latencies());
                notOk.put(kind, new long[1]);
                moved.put(kind, new long[1]);
            }
        }

        @Override
        public void run() {
            HttpClient http = client();
            Kind[] kinds = Kind.values();
            long turn = offset;
            while (System.nanoTime() < end) {
                Kind kind = kinds[(int) (turn++ % kinds.length)];
                List<URI> uris = targets.get(kind);
                URI uri = uris.get(ThreadLocalRandom.current().nextInt(uris.size()));
                long sent = System.nanoTime();
                int status;
                String servedBy;
                try {
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    servedBy = answer.headers().firstValue(SERVED_BY).orElse("");
                } catch (IOException failed) {
                    status = -1;
                    servedBy = "";
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long took = System.nanoTime() - sent;
                if (sent >= measureFrom) {
                    latencies.get(kind).add(took);
                    if (status != 200) {
                        notOk.get(kind)[0]++;
                    } else if ((kind == Kind.LOCAL || kind == Kind.ROUTED) && (kind == Kind.LOCAL) != self.equals(servedBy)) {
                        moved.get(kind)[0]++;
                    }
                }
                LockSupport.parkNanos(pause.toNanos());
            }
        }
    }
}
