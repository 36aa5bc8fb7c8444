package dev.flywheel.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;

/**
 * Trains a {@link NetworkShape} network for binary classification or regression with DJL on PyTorch.
 *
 * <p>Choices:
 * <ul>
 *   <li>inputs are standardised with statistics of the given (training) rows only;</li>
 *   <li>class imbalance: a <b>positive-class weight</b> in the loss, by default negatives / positives
 *       (balanced), so that the ~0.8% frauds count as much as the genuine payments. Weighting shifts
 *       the learnt logit by {@code ln(weight)}; that shift is subtracted from the output bias after
 *       training (prior correction), so scores stay estimates of the true probability and a
 *       threshold such as 0.5 keeps its meaning;</li>
 *   <li>regression: mean squared error on the label standardised with the training slice's mean and standard
 *       deviation (so one learning rate suits labels of any scale); the output unit is then scaled back
 *       ({@code w * sd}, {@code b * sd + mean}), so the network answers in the label's units and the scorer
 *       applies no link. No hidden layer makes it a linear model fitted by gradient descent;</li>
 *   <li>Adam at a fixed learning rate, He-normal weights, zero biases, shuffled mini-batches;</li>
 *   <li>deterministic: {@code Engine.setRandomSeed} seeds initialisation and shuffling; trainings are
 *       expected to run one at a time (the seed is engine-wide).</li>
 * </ul>
 */
public final class NetworkTrainer {

    private NetworkTrainer() {
    }

    /**
     * @throws IllegalArgumentException when the rows are empty, or hold only one class (binary classification)
     */
    public static TrainedNetwork train(LabelledMatrix data, TrainingParams params, TrainingProgress progress) {
        int rows = data.size();
        int positives = data.positives();
        if (data.isRegression()) {
            if (rows == 0) {
                throw new IllegalArgumentException("training needs rows, got none");
            }
        } else if (rows == 0 || positives == 0 || positives == rows) {
            throw new IllegalArgumentException("training needs both classes, got " + positives + " positives in "
                    + rows + " rows");
        }
        long started = System.nanoTime();
        Engine engine = PyTorchRuntime.engine();
        engine.setRandomSeed(params.seed());

        Standardisation standardisation = Standardisation.fit(data.rows());
        NetworkShape shape = new NetworkShape(data.width(), params.hidden());
        double positiveWeight = data.isRegression() ? 1
                : params.positiveWeight().orElse((rows - positives) / (double) positives);
        LabelScale scale = data.isRegression() ? LabelScale.of(data.labels()) : LabelScale.IDENTITY;
        Loss loss = data.isRegression() ? Loss.l2Loss() : new WeightedLogisticLoss(positiveWeight);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed((float) params.learningRate())).build())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT)
                .optInitializer(Initializer.ZEROS, Parameter.Type.BIAS)
                .optDevices(new Device[] {Device.cpu()});

        try (Model model = Model.newInstance("training", Device.cpu(), PyTorchRuntime.ENGINE_NAME)) {
            model.setBlock(shape.newBlock());
            double lastEpochLoss;
            try (NDManager manager = model.getNDManager().newSubManager();
                 Trainer trainer = model.newTrainer(config)) {
                ArrayDataset dataset = new ArrayDataset.Builder()
                        .setData(manager.create(standardised(data.rows(), standardisation), new Shape(rows, data.width())))
                        .optLabels(manager.create(floats(data.labels(), scale), new Shape(rows, 1)))
                        .setSampling(params.batchSize(), true)
                        .build();
                trainer.initialize(new Shape(params.batchSize(), data.width()));
                lastEpochLoss = fit(trainer, loss, dataset, params, rows, progress);
            }
            byte[] parameters = data.isRegression() ? inLabelUnits(model.getBlock(), shape, scale)
                    : withPriorCorrection(model.getBlock(), shape, positiveWeight);
            return new TrainedNetwork(shape, standardisation, parameters, params, data.task(), positiveWeight,
                    lastEpochLoss, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException | TranslateException | MalformedModelException e) {
            throw new IllegalStateException("training failed: " + e.getMessage(), e);
        }
    }

    private static double fit(Trainer trainer, Loss loss, ArrayDataset dataset, TrainingParams params,
                              int rows, TrainingProgress progress) throws IOException, TranslateException {
        long stepsPerEpoch = (rows + params.batchSize() - 1) / params.batchSize();
        long stepsTotal = stepsPerEpoch * params.epochs();
        long stepsDone = 0;
        double epochLoss = Double.NaN;
        for (int epoch = 1; epoch <= params.epochs(); epoch++) {
            double lossSum = 0;
            int epochSteps = 0;
            for (Batch batch : trainer.iterateDataset(dataset)) {
                try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
                    NDArray batchLoss = loss.evaluate(batch.getLabels(), predictions);
                    collector.backward(batchLoss);
                    lossSum += batchLoss.getFloat();
                }
                trainer.step();
                epochSteps++;
                stepsDone++;
                epochLoss = lossSum / epochSteps;
                progress.onStep(stepsDone, stepsTotal, epoch, epochLoss);
            }
        }
        return epochLoss;
    }

    /**
     * Copies the trained parameters into a fresh block (arrays that carry no gradient, as inference
     * loads them) and subtracts {@code ln(positiveWeight)} from the output unit's bias.
     */
    private static byte[] withPriorCorrection(Block trained, NetworkShape shape, double positiveWeight)
            throws IOException, MalformedModelException {
        byte[] raw = serialise(trained);
        Block copy = shape.newBlock();
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager(Device.cpu())) {
            copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(raw)));
            Block output = copy.getChildren().get(copy.getChildren().size() - 1).getValue();
            output.getParameters().get("bias").getArray().subi((float) Math.log(positiveWeight));
            return serialise(copy);
        }
    }

    /** Copies the trained parameters and scales the output unit from standardised labels back to the label's units. */
    private static byte[] inLabelUnits(Block trained, NetworkShape shape, LabelScale scale)
            throws IOException, MalformedModelException {
        byte[] raw = serialise(trained);
        Block copy = shape.newBlock();
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager(Device.cpu())) {
            copy.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(raw)));
            Block output = copy.getChildren().get(copy.getChildren().size() - 1).getValue();
            output.getParameters().get("weight").getArray().muli((float) scale.sd());
            output.getParameters().get("bias").getArray().muli((float) scale.sd()).addi((float) scale.mean());
            return serialise(copy);
        }
    }

    /** How labels are standardised for the loss: {@code (y - mean) / sd}. */
    private record LabelScale(double mean, double sd) {

        static final LabelScale IDENTITY = new LabelScale(0, 1);

        static LabelScale of(double[] labels) {
            double mean = 0;
            for (double label : labels) {
                mean += label;
            }
            mean /= labels.length;
            double squares = 0;
            for (double label : labels) {
                squares += (label - mean) * (label - mean);
            }
            double sd = Math.sqrt(squares / labels.length);
            // constant labels: nothing to scale, the bias learns the constant
            return new LabelScale(mean, sd > 0 ? sd : 1);
        }
    }

    private static byte[] serialise(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static float[] standardised(double[][] rows, Standardisation standardisation) {
        int width = standardisation.width();
        float[] values = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            standardisation.applyTo(rows[i], values, i * width);
        }
        return values;
    }

    private static float[] floats(double[] values, LabelScale scale) {
        float[] copy = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = (float) ((values[i] - scale.mean()) / scale.sd());
        }
        return copy;
    }
}
