package dev.flywheel.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * A {@link Scorer} over an ONNX binary classifier brought from elsewhere (PyTorch, scikit-learn exports).
 * One {@link OrtSession} is shared: ONNX Runtime's {@code run} is thread-safe.
 *
 * <p>The model takes one float tensor {@code [rows, features]} (features in the signature's order) and
 * gives the probability of the positive class as its first float tensor output (one named like
 * {@code prob*} is preferred) of shape {@code [rows]}, {@code [rows, 1]} or {@code [rows, 2]} (column 1
 * is the positive class), or as scikit-learn's sequence of class-to-probability maps (key 1). Values
 * outside [0, 1] are refused: a logit output must be exported with its sigmoid.
 */
final class OnnxScorer implements Scorer {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final int width;
    private final InFlightRelease release;

    private OnnxScorer(OrtEnvironment environment, OrtSession session, String input, String output, int width) {
        this.environment = environment;
        this.session = session;
        this.input = input;
        this.output = output;
        this.width = width;
        this.release = new InFlightRelease(() -> {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the session is gone either way
            }
        });
    }

    /**
     * Loads and checks the model.
     *
     * @throws IllegalArgumentException when the inputs or outputs do not fit a binary classifier of {@code width}
     *                                  features, or the bytes are not an ONNX model
     */
    static OnnxScorer load(byte[] model, int width) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Requests are already concurrent and the models small: intra-op threads only oversubscribe.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment.createSession(model, options);
            String input = checkedInput(session, width);
            String output = probabilityOutput(session);
            return new OnnxScorer(environment, session, input, output, width);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw new IllegalArgumentException("cannot use the ONNX model: " + e.getMessage(), e);
        }
    }

    private static String checkedInput(OrtSession session, int width) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the model must take one input tensor [rows, " + width + "], it takes "
                    + inputs.keySet());
        }
        NodeInfo node = inputs.values().iterator().next();
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("input " + node.getName() + " must be a float tensor but is "
                    + node.getInfo());
        }
        long[] shape = tensor.getShape();
        if (shape.length != 2 || (shape[1] >= 0 && shape[1] != width)) {
            throw new IllegalArgumentException("input " + node.getName() + " must have shape [rows, " + width
                    + "] for the " + width + " features of the signature, but has " + Arrays.toString(shape));
        }
        return node.getName();
    }

    private static String probabilityOutput(OrtSession session) throws OrtException {
        List<NodeInfo> candidates = new ArrayList<>();
        for (NodeInfo node : session.getOutputInfo().values()) {
            boolean floatTensor = node.getInfo() instanceof TensorInfo tensor
                    && (tensor.type == OnnxJavaType.FLOAT || tensor.type == OnnxJavaType.DOUBLE);
            if (floatTensor || !(node.getInfo() instanceof TensorInfo)) {
                candidates.add(node);
            }
        }
        Optional<NodeInfo> named = candidates.stream()
                .filter(node -> node.getName().toLowerCase(Locale.ROOT).contains("prob")).findFirst();
        return named.or(() -> candidates.stream().filter(node -> node.getInfo() instanceof TensorInfo).findFirst())
                .or(() -> candidates.stream().findFirst())
                .orElseThrow(() -> new IllegalArgumentException("the model has no float output to read a probability"
                        + " from; outputs: " + session.getOutputNames()))
                .getName();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double score(double[] features) {
        return scoreBatch(new double[][] {features})[0];
    }

    @Override
    public double[] scoreBatch(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        float[] values = BoosterScorer.flatten(rows, width);
        return release.call(() -> run(values, rows.length));
    }

    private double[] run(float[] values, int rows) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values),
                new long[] {rows, width});
             OrtSession.Result result = session.run(Map.of(input, tensor), Set.of(output))) {
            double[] probabilities = probabilities(result.get(0), rows);
            for (int i = 0; i < probabilities.length; i++) {
                if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                    throw new IllegalStateException("output " + output + " gave " + probabilities[i] + " for row " + i
                            + ", not a probability in [0, 1]; export the classifier with its sigmoid or softmax");
                }
            }
            return probabilities;
        } catch (OrtException e) {
            throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
        }
    }

    private double[] probabilities(OnnxValue value, int rows) throws OrtException {
        double[] probabilities = new double[rows];
        Object raw = value.getValue();
        if (raw instanceof float[] flat && flat.length == rows) {
            for (int i = 0; i < rows; i++) {
                probabilities[i] = flat[i];
            }
        } else if (raw instanceof double[] flat && flat.length == rows) {
            System.arraycopy(flat, 0, probabilities, 0, rows);
        } else if (raw instanceof float[][] matrix && matrix.length == rows && columnsFit(matrix[0].length)) {
            for (int i = 0; i < rows; i++) {
                probabilities[i] = matrix[i][matrix[i].length - 1];
            }
        } else if (raw instanceof double[][] matrix && matrix.length == rows && columnsFit(matrix[0].length)) {
            for (int i = 0; i < rows; i++) {
                probabilities[i] = matrix[i][matrix[i].length - 1];
            }
        } else if (value instanceof OnnxSequence sequence && sequence.getValue().size() == rows) {
            List<? extends OnnxValue> maps = sequence.getValue();
            for (int i = 0; i < rows; i++) {
                probabilities[i] = positiveOf(((OnnxMap) maps.get(i)).getValue());
            }
        } else {
            throw new IllegalStateException("output " + output + " is not one probability per row ([rows], [rows, 1],"
                    + " [rows, 2] or a sequence of class maps): " + value.getInfo());
        }
        return probabilities;
    }

    private static boolean columnsFit(int columns) {
        return columns == 1 || columns == 2;
    }

    private double positiveOf(Map<?, ?> classes) {
        for (Map.Entry<?, ?> entry : classes.entrySet()) {
            if (String.valueOf(entry.getKey()).equals("1") && entry.getValue() instanceof Number number) {
                return number.doubleValue();
            }
        }
        throw new IllegalStateException("output " + output + " has no probability for class 1: " + classes.keySet());
    }

    @Override
    public boolean isClosed() {
        return release.isClosed();
    }

    @Override
    public void close() {
        release.close();
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
