package dev.flywheel.bench.inference;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * A fixed-rate HTTP load (what wrk cannot do and wrk2, which can, is not packaged by Debian): {@code connections}
 * keep-alive HTTP/1.1 connections, each a thread with its own schedule, together sending {@code rate} POSTs a
 * second for {@code seconds}, the bodies taken in turn from a list.
 *
 * <p>Latency counts from the moment the schedule meant to send a request, not from when it was sent: a server
 * stall that holds a connection up shows as latency of the requests that should have gone meanwhile, instead
 * of silently lowering the rate (no coordinated omission). The service time (send to answer) is reported
 * beside it. Requests meant for the first {@code warmupSeconds} are not counted. Answers other than 200 and
 * broken connections are counted.
 */
record PacedHttpLoad(URI url, List<byte[]> bodies, double rate, int seconds, int warmupSeconds, int connections) {

    String run() throws InterruptedException {
        Histogram intended = new Histogram(60_000_000L, 3);
        Histogram service = new Histogram(60_000_000L, 3);
        AtomicLong notOk = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        long countFrom = start + warmupSeconds * 1_000_000_000L;
        long end = countFrom + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread thread = new Thread(() -> {
                Histogram mine = new Histogram(60_000_000L, 3);
                Histogram mineService = new Histogram(60_000_000L, 3);
                Connection http = null;
                long n = 0;
                for (long at = start + connection * interval; at < end; at += interval * connections, n++) {
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long sent = System.nanoTime();
                    int status;
                    try {
                        if (http == null) {
                            http = new Connection(url);
                        }
                        status = http.post(bodies.get((int) ((connection + n * connections) % bodies.size())));
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (http != null) {
                            http.close();
                        }
                        http = null;
                        continue;
                    }
                    long done = System.nanoTime();
                    if (at >= countFrom) {
                        mine.recordValue(Math.max(1, (done - at) / 1_000));
                        mineService.recordValue(Math.max(1, (done - sent) / 1_000));
                        measured.incrementAndGet();
                        if (status != 200) {
                            notOk.incrementAndGet();
                        }
                    }
                }
                if (http != null) {
                    http.close();
                }
                synchronized (intended) {
                    intended.add(mine);
                    service.add(mineService);
                }
            }, "paced-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double achieved = measured.get() / (double) seconds;
        return String.format(Locale.ROOT, "paced-result rate=%.0f achieved=%.0f requests=%d not_ok=%d errors=%d "
                        + "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d service_p50_us=%d service_p99_us=%d",
                rate, achieved, measured.get(), notOk.get(), errors.get(), intended.getValueAtPercentile(50),
                intended.getValueAtPercentile(90), intended.getValueAtPercentile(99),
                intended.getValueAtPercentile(99.9), intended.getMaxValue(), service.getValueAtPercentile(50),
                service.getValueAtPercentile(99));
    }

    /** One keep-alive HTTP/1.1 connection: POST a body, read the status and the whole answer. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] head;

        Connection(URI url) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        int post(byte[] body) throws IOException {
            out.write(head);
            out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = line();
            if (statusLine.length() < 12) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void skip(long bytes) throws IOException {
            for (long left = bytes; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed inside an answer");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we are done with
            }
        }
    }
}
