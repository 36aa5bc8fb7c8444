package dev.flywheel.bench.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.flywheel.contracts.json.Json;

/**
 * The bench's training data on disk, written once and read by both sides of the comparison (this bench and
 * {@code bench/training/sklearn_fit.py}), so Flywheel and scikit-learn fit exactly the same numbers.
 *
 * <p>{@value #DATA_FILE}: little-endian float64, one row after the other, each row the {@code featureNames}
 * in order, then the label (0/1), the simulation day ({@code TX_TIME_DAYS}) and the card ({@code CUSTOMER_ID}),
 * i.e. {@code numpy.fromfile(f, '<f8').reshape(rows, features + 3)}. {@value #META_FILE} describes it (rows, column
 * names, how it was made).
 */
record FeatureTable(Path dir, long rows, List<String> featureNames) {

    static final String DATA_FILE = "table.f64";
    static final String META_FILE = "table.json";
    /** Label, day and card follow the features. */
    static final int TRAILING_COLUMNS = 3;

    int columns() {
        return featureNames.size() + TRAILING_COLUMNS;
    }

    /** Rows in memory: raw features, labels, days and cards of the rows read. */
    record Rows(double[][] features, double[] labels, int[] days, int[] cards) {

        int size() {
            return labels.length;
        }

        /** The rows at {@code indices}, sharing the feature arrays. */
        Rows select(int[] indices) {
            double[][] features = new double[indices.length][];
            double[] labels = new double[indices.length];
            int[] days = new int[indices.length];
            int[] cards = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                features[i] = this.features[indices[i]];
                labels[i] = this.labels[indices[i]];
                days[i] = this.days[indices[i]];
                cards[i] = this.cards[indices[i]];
            }
            return new Rows(features, labels, days, cards);
        }
    }

    /** Writes rows as they come; {@link #close()} writes the description. */
    static final class Writer implements AutoCloseable {
        private final Path dir;
        private final List<String> featureNames;
        private final ObjectNode provenance;
        private final FileChannel channel;
        private final ByteBuffer buffer;
        private long rows;

        Writer(Path dir, List<String> featureNames, ObjectNode provenance) throws IOException {
            Files.createDirectories(dir);
            this.dir = dir;
            this.featureNames = List.copyOf(featureNames);
            this.provenance = provenance;
            this.channel = FileChannel.open(dir.resolve(DATA_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            this.buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        }

        void add(double[] features, boolean label, int day, int card) throws IOException {
            if (features.length != featureNames.size()) {
                throw new IllegalArgumentException("row has " + features.length + " features, the table "
                        + featureNames.size());
            }
            if (buffer.remaining() < (features.length + TRAILING_COLUMNS) * Double.BYTES) {
                flush();
            }
            for (double value : features) {
                buffer.putDouble(value);
            }
            buffer.putDouble(label ? 1 : 0).putDouble(day).putDouble(card);
            rows++;
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
            channel.close();
            ObjectNode meta = Json.mapper().createObjectNode();
            meta.put("rows", rows);
            meta.putPOJO("features", featureNames);
            meta.putPOJO("trailing", List.of("label", "day", "card"));
            meta.put("byteOrder", "little-endian float64");
            meta.set("provenance", provenance);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(META_FILE).toFile(), meta);
        }
    }

    /** The table in {@code dir}, from its description. */
    static FeatureTable open(Path dir) throws IOException {
        var meta = Json.mapper().readTree(dir.resolve(META_FILE).toFile());
        List<String> names = new ArrayList<>();
        meta.get("features").forEach(name -> names.add(name.asText()));
        return new FeatureTable(dir, meta.get("rows").asLong(), names);
    }

    /** The first {@code limit} rows (all when there are fewer). */
    Rows head(int limit) throws IOException {
        return read(Math.toIntExact(Math.min(limit, rows)), day -> true);
    }

    /** The rows whose day is in {@code [fromDay, toDay)}. */
    Rows days(int fromDay, int toDay) throws IOException {
        return read(Math.toIntExact(rows), day -> day >= fromDay && day < toDay);
    }

    private Rows read(int scanRows, IntPredicate keepDay) throws IOException {
        int width = featureNames.size();
        List<double[]> features = new ArrayList<>();
        List<double[]> trailing = new ArrayList<>();
        int rowBytes = columns() * Double.BYTES;
        ByteBuffer buffer = ByteBuffer.allocate(rowBytes * 8192).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(dir.resolve(DATA_FILE), StandardOpenOption.READ)) {
            int read = 0;
            while (read < scanRows) {
                buffer.clear().limit(Math.min(buffer.capacity(), (scanRows - read) * rowBytes));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer) < 0) {
                        throw new IOException(dir.resolve(DATA_FILE) + " ends after " + read + " rows, "
                                + META_FILE + " says " + rows);
                    }
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    double[] row = new double[width];
                    for (int j = 0; j < width; j++) {
                        row[j] = buffer.getDouble();
                    }
                    double[] tail = {buffer.getDouble(), buffer.getDouble(), buffer.getDouble()};
                    read++;
                    if (keepDay.test((int) tail[1])) {
                        features.add(row);
                        trailing.add(tail);
                    }
                }
            }
        }
        double[] labels = new double[features.size()];
        int[] days = new int[features.size()];
        int[] cards = new int[features.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = trailing.get(i)[0];
            days[i] = (int) trailing.get(i)[1];
            cards[i] = (int) trailing.get(i)[2];
        }
        return new Rows(features.toArray(double[][]::new), labels, days, cards);
    }
}
