package dev.flywheel.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;

import dev.flywheel.contracts.spec.ModelTask;

/**
 * A {@link Scorer} over a DJL model: the model (block and parameters) is shared, predictors are not
 * thread-safe and come from a pool, one per concurrent caller. A pool rather than a {@code ThreadLocal}:
 * predictors stay bounded by the real concurrency and all of them can be closed with the model.
 */
final class NetworkScorer implements Scorer {

    private final Model model;
    private final Standardisation standardisation;
    /** Binary classification: the output is a logit, scored through the sigmoid; regression: the value itself. */
    private final boolean probability;
    private final int width;
    private final FeatureMatrixTranslator translator = new FeatureMatrixTranslator();
    private final ConcurrentLinkedDeque<Predictor<FeatureMatrix, float[]>> idle = new ConcurrentLinkedDeque<>();
    private final Set<Predictor<FeatureMatrix, float[]>> created = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean closed;

    private NetworkScorer(Model model, Standardisation standardisation, ModelTask task) {
        this.model = model;
        this.standardisation = standardisation;
        this.probability = task == ModelTask.BINARY_CLASSIFICATION;
        this.width = standardisation.width();
    }

    /** Builds the network of {@code shape} and reads its parameters from {@code parameters}. */
    static NetworkScorer load(NetworkShape shape, Standardisation standardisation, InputStream parameters,
                              ModelTask task) throws IOException {
        if (shape.inputs() != standardisation.width()) {
            throw new IllegalArgumentException("network has " + shape.inputs() + " inputs but the standardisation "
                    + standardisation.width() + " features");
        }
        PyTorchRuntime.engine();
        Model model = Model.newInstance("scorer", Device.cpu(), PyTorchRuntime.ENGINE_NAME);
        try {
            Block block = shape.newBlock();
            block.loadParameters(model.getNDManager(), new DataInputStream(parameters));
            model.setBlock(block);
            return new NetworkScorer(model, standardisation, task);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e instanceof IOException io ? io : new IOException("cannot read the network parameters: " + e, e);
        }
    }

    static NetworkScorer load(NetworkShape shape, Standardisation standardisation, byte[] parameters, ModelTask task) {
        try {
            return load(shape, standardisation, new ByteArrayInputStream(parameters), task);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double score(double[] features) {
        float[] values = new float[width];
        standardisation.applyTo(features, values, 0);
        return output(logits(new FeatureMatrix(values, 1, width))[0]);
    }

    @Override
    public double[] scoreBatch(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        float[] values = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            standardisation.applyTo(rows[i], values, i * width);
        }
        float[] logits = logits(new FeatureMatrix(values, rows.length, width));
        double[] probabilities = new double[rows.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = output(logits[i]);
        }
        return probabilities;
    }

    private float[] logits(FeatureMatrix input) {
        // Count first, then check: close() sets the flag first, then reads the count, so one of the two
        // always sees the other and native memory is never freed under a running prediction.
        inFlight.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("scorer is closed");
            }
            Predictor<FeatureMatrix, float[]> predictor = borrow();
            try {
                return predictor.predict(input);
            } catch (TranslateException e) {
                throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
            } finally {
                idle.push(predictor);
            }
        } finally {
            if (inFlight.decrementAndGet() == 0 && closed) {
                release();
            }
        }
    }

    private Predictor<FeatureMatrix, float[]> borrow() {
        Predictor<FeatureMatrix, float[]> predictor = idle.poll();
        if (predictor == null) {
            predictor = model.newPredictor(translator);
            created.add(predictor);
        }
        return predictor;
    }

    private double output(float raw) {
        return probability ? sigmoid(raw) : raw;
    }

    private static double sigmoid(float logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        if (inFlight.get() == 0) {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            created.forEach(Predictor::close);
            created.clear();
            idle.clear();
            model.close();
        }
    }

    /** Whether the native memory has been given back (after close and the last running call). */
    boolean isReleased() {
        return released.get();
    }
}
