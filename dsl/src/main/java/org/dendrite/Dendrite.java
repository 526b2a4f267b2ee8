package org.dendrite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.dendrite.activations.Activation;
import org.dendrite.callbacks.CsvLogger;
import org.dendrite.callbacks.Dashboard;
import org.dendrite.callbacks.EarlyStopping;
import org.dendrite.callbacks.LearningRateScheduler;
import org.dendrite.callbacks.ModelCheckpoint;
import org.dendrite.callbacks.ReduceLrOnPlateau;
import org.dendrite.constraints.Constraint;
import org.dendrite.initializers.Initializer;
import org.dendrite.layers.Dropout;
import org.dendrite.layers.Merge;
import org.dendrite.layers.Padding;
import org.dendrite.layers.options.Strides;
import org.dendrite.layers.options.UseBias;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Accuracy;
import org.dendrite.metrics.Auc;
import org.dendrite.metrics.BinaryAccuracy;
import org.dendrite.metrics.F1;
import org.dendrite.metrics.Metric;
import org.dendrite.metrics.Precision;
import org.dendrite.metrics.Recall;
import org.dendrite.metrics.TopKAccuracy;
import org.dendrite.optimizers.Adadelta;
import org.dendrite.optimizers.Adagrad;
import org.dendrite.optimizers.Adam;
import org.dendrite.optimizers.Adamax;
import org.dendrite.optimizers.Nadam;
import org.dendrite.optimizers.RmsProp;
import org.dendrite.optimizers.Sgd;
import org.dendrite.regularizers.Regularizer;

/**
 * The whole vocabulary in one static import, as a Keras script would use it:
 * <pre>{@code
 * import static org.dendrite.Dendrite.*;
 *
 * var model = Sequential().dense(12, RELU, HE).dense(8, RELU).dense(1, SIGMOID)
 *                         .compile(adam, crossEntropy, accuracy);
 * }</pre>
 * One naming rule: what a layer takes is upper-case ({@code RELU}, {@code HE}, {@code SAME});
 * what {@code compile} takes is lower-case, as Keras spells it in
 * {@code compile(optimizer='adam', loss='mse', metrics=['accuracy'])}: {@code adam},
 * {@code crossEntropy}, {@code accuracy}. Each optimiser also has a factory taking the learning
 * rate, {@code adam(0.01)}, and each loss is also a metric ({@code compile(adam, mae, mse)}).
 */
public final class Dendrite {

    private Dendrite() {}

    /** Prints the DSL at a glance: every layer call, activation, initialiser, optimiser, loss, metric and callback. */
    public static void help() {
        try (var in = Dendrite.class.getResourceAsStream("help.txt")) {
            System.out.print(new String(Objects.requireNonNull(in, "help.txt").readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty layer stack to add layers to. */
    @SuppressWarnings("MethodName")
    public static Sequential Sequential() {
        return Sequential.empty();
    }

    // ---------------------------------------------------------------- functional API

    /**
     * An input of a functional model, one example of {@code shape} (Keras's
     * {@code keras.Input(shape=(28, 28, 1))}): {@code Input(8)}, {@code Input(20, 3)},
     * {@code Input(28, 28, 1)}. Put layers on it as on a Sequential: {@code Input(8).dense(12, RELU)}.
     */
    @SuppressWarnings("MethodName")
    public static Node Input(long... shape) {
        return Node.input(shape);
    }

    /** A functional model from one input to one output (Keras's {@code keras.Model(inputs, outputs)}). */
    @SuppressWarnings("MethodName")
    public static Functional Model(Node input, Node output) {
        return Functional.of(List.of(input), List.of(output));
    }

    /** A functional model with several inputs or outputs, in the order {@code fit} and {@code predict} take them. */
    @SuppressWarnings("MethodName")
    public static Functional Model(List<Node> inputs, List<Node> outputs) {
        return Functional.of(inputs, outputs);
    }

    /** The element-wise sum of nodes of one shape (Keras's {@code layers.add}): a residual connection. */
    public static Node add(Node... nodes) {
        return Node.merge(new Merge(Merge.Operation.ADD), nodes);
    }

    /** {@code a - b}, element-wise (Keras's {@code layers.subtract}). */
    public static Node subtract(Node a, Node b) {
        return Node.merge(new Merge(Merge.Operation.SUBTRACT), a, b);
    }

    /** The element-wise product of nodes of one shape (Keras's {@code layers.multiply}). */
    public static Node multiply(Node... nodes) {
        return Node.merge(new Merge(Merge.Operation.MULTIPLY), nodes);
    }

    /** The element-wise mean of nodes of one shape (Keras's {@code layers.average}). */
    public static Node average(Node... nodes) {
        return Node.merge(new Merge(Merge.Operation.AVERAGE), nodes);
    }

    /** The element-wise maximum of nodes of one shape (Keras's {@code layers.maximum}). */
    public static Node maximum(Node... nodes) {
        return Node.merge(new Merge(Merge.Operation.MAXIMUM), nodes);
    }

    /**
     * Nodes joined along their last axis (Keras's {@code layers.concatenate} with its default
     * {@code axis=-1}): features side by side, or images' channels stacked; every other axis must match.
     */
    public static Node concatenate(Node... nodes) {
        return Node.merge(new Merge(Merge.Operation.CONCATENATE), nodes);
    }

    // ---------------------------------------------------------------- activations
    public static final Activation LINEAR = Activation.LINEAR;
    public static final Activation SIGMOID = Activation.SIGMOID;
    public static final Activation HARD_SIGMOID = Activation.HARD_SIGMOID;
    public static final Activation TANH = Activation.TANH;
    public static final Activation RELU = Activation.RELU;
    public static final Activation LEAKY_RELU = Activation.LEAKY_RELU;
    public static final Activation ELU = Activation.ELU;
    public static final Activation SELU = Activation.SELU;
    public static final Activation SOFTPLUS = Activation.SOFTPLUS;
    public static final Activation SOFTSIGN = Activation.SOFTSIGN;
    public static final Activation SOFTMAX = Activation.SOFTMAX;
    public static final Activation SWISH = Activation.SWISH;
    public static final Activation GELU = Activation.GELU;

    /** Leaky ReLU with slope {@code alpha} below 0 ({@code LEAKY_RELU} uses Keras's 0.3). */
    public static Activation leakyRelu(double alpha) {
        return Activation.leakyRelu(alpha);
    }

    /** ELU with scale {@code alpha} below 0. */
    public static Activation elu(double alpha) {
        return Activation.elu(alpha);
    }

    // ---------------------------------------------------------------- padding of conv and pooling layers
    /** No padding (Keras's default). */
    public static final Padding VALID = Padding.VALID;
    /** Zero padding that keeps height and width at stride 1. */
    public static final Padding SAME = Padding.SAME;

    // ---------------------------------------------------------------- initialisers
    /** He normal: variance 2 / fan-in, for ReLU layers. */
    public static final Initializer HE = Initializer.HE_NORMAL;

    public static final Initializer HE_NORMAL = Initializer.HE_NORMAL;
    public static final Initializer HE_UNIFORM = Initializer.HE_UNIFORM;
    /** Glorot (Xavier) uniform, Keras's Dense default. */
    public static final Initializer GLOROT_UNIFORM = Initializer.GLOROT_UNIFORM;
    /**
     * @deprecated ambiguous: DL4J's {@code XAVIER} is the normal variant, this was the uniform one.
     *     Use {@link #GLOROT_UNIFORM} (the default) or {@link #GLOROT_NORMAL}.
     */
    @Deprecated(forRemoval = true)
    public static final Initializer XAVIER = Initializer.GLOROT_UNIFORM;

    public static final Initializer GLOROT_NORMAL = Initializer.GLOROT_NORMAL;
    public static final Initializer LECUN_NORMAL = Initializer.LECUN_NORMAL;
    public static final Initializer LECUN_UNIFORM = Initializer.LECUN_UNIFORM;
    public static final Initializer UNIFORM = Initializer.UNIFORM;
    public static final Initializer NORMAL = Initializer.NORMAL;
    public static final Initializer ZEROS = Initializer.ZEROS;
    public static final Initializer ONES = Initializer.ONES;

    /** Every weight set to {@code value}. */
    public static Initializer constant(double value) {
        return Initializer.constant(value);
    }

    /** Weights drawn from N(0, stddev²). */
    public static Initializer normal(double stddev) {
        return Initializer.normal(stddev);
    }

    /** Weights drawn uniformly from [-limit, limit]. */
    public static Initializer uniform(double limit) {
        return Initializer.uniform(limit);
    }

    // ---------------------------------------------------------------- optimisers (Keras's defaults)
    public static final Adam adam = new Adam(0.001, 0.9, 0.999, 1e-7);
    public static final Adamax adamax = new Adamax(0.001, 0.9, 0.999, 1e-7);
    public static final Nadam nadam = new Nadam(0.001, 0.9, 0.999, 1e-7);
    public static final RmsProp rmsprop = new RmsProp(0.001, 0.9, 1e-7);
    public static final Adagrad adagrad = new Adagrad(0.001, 1e-7);
    /** Adadelta as in Keras 2 with lr 1.0 (DL4J's Adadelta has no learning rate). */
    public static final Adadelta adadelta = new Adadelta(0.95, 1e-7);

    public static final Sgd sgd = new Sgd(0.01, 0, false);

    public static Adam adam(double learningRate) {
        return adam.withLearningRate(learningRate);
    }

    public static Adamax adamax(double learningRate) {
        return adamax.withLearningRate(learningRate);
    }

    public static Nadam nadam(double learningRate) {
        return nadam.withLearningRate(learningRate);
    }

    public static RmsProp rmsprop(double learningRate) {
        return rmsprop.withLearningRate(learningRate);
    }

    public static Adagrad adagrad(double learningRate) {
        return adagrad.withLearningRate(learningRate);
    }

    public static Sgd sgd(double learningRate) {
        return sgd.withLearningRate(learningRate);
    }

    /** SGD with plain (heavy-ball) momentum, as Keras's {@code SGD(lr, momentum)}. */
    public static Sgd sgd(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum, false);
    }

    /** SGD with momentum, Nesterov's form when {@code nesterov}. */
    public static Sgd sgd(double learningRate, double momentum, boolean nesterov) {
        return new Sgd(learningRate, momentum, nesterov);
    }

    // ---------------------------------------------------------------- losses (lower-case, as Keras's loss='mse'); each
    // is also a metric
    /** Binary or categorical cross-entropy, picked from the output layer (sigmoid or softmax). */
    public static final Loss crossEntropy = Loss.CROSS_ENTROPY;

    public static final Loss binaryCrossEntropy = Loss.BINARY_CROSS_ENTROPY;
    public static final Loss categoricalCrossEntropy = Loss.CATEGORICAL_CROSS_ENTROPY;
    public static final Loss sparseCategoricalCrossEntropy = Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY;
    public static final Loss mse = Loss.MEAN_SQUARED_ERROR;
    public static final Loss mae = Loss.MEAN_ABSOLUTE_ERROR;
    public static final Loss hinge = Loss.HINGE;
    public static final Loss kld = Loss.KL_DIVERGENCE;
    public static final Loss poisson = Loss.POISSON;

    // ---------------------------------------------------------------- metrics (lower-case, as Keras's
    // metrics=['accuracy'])
    /** Binary accuracy for one output unit, categorical (arg-max) accuracy otherwise. */
    public static final Metric accuracy = new Accuracy();
    /** The fraction of output values on the right side of 0.5. */
    public static final Metric binaryAccuracy = new BinaryAccuracy(0.5);
    /** Whether the true class is among the 5 most probable. */
    public static final Metric top5Accuracy = new TopKAccuracy(5);

    public static final Metric precision = new Precision();
    public static final Metric recall = new Recall();
    public static final Metric f1 = new F1();
    /** Area under the ROC curve (exact). */
    public static final Metric auc = new Auc();

    /** Whether the true class is among the {@code k} most probable. */
    public static Metric topK(int k) {
        return new TopKAccuracy(k);
    }

    /** @deprecated metrics are lower-case, as compile's other arguments: use {@link #accuracy}. */
    @Deprecated(forRemoval = true)
    public static final Metric ACCURACY = accuracy;
    /** @deprecated use {@link #binaryAccuracy}. */
    @Deprecated(forRemoval = true)
    public static final Metric BINARY_ACCURACY = binaryAccuracy;
    /** @deprecated use {@link #top5Accuracy}. */
    @Deprecated(forRemoval = true)
    public static final Metric TOP_5_ACCURACY = top5Accuracy;
    /** @deprecated use {@link #precision}. */
    @Deprecated(forRemoval = true)
    public static final Metric PRECISION = precision;
    /** @deprecated use {@link #recall}. */
    @Deprecated(forRemoval = true)
    public static final Metric RECALL = recall;
    /** @deprecated use {@link #f1}. */
    @Deprecated(forRemoval = true)
    public static final Metric F1 = f1;
    /** @deprecated use {@link #auc}. */
    @Deprecated(forRemoval = true)
    public static final Metric AUC = auc;
    /** @deprecated a loss is also a metric: use {@link #mse}. */
    @Deprecated(forRemoval = true)
    public static final Metric MSE = mse;
    /** @deprecated a loss is also a metric: use {@link #mae}. */
    @Deprecated(forRemoval = true)
    public static final Metric MAE = mae;

    // ---------------------------------------------------------------- regularisers, constraints, layer options
    /** {@code loss += l1·Σ|w|}: pushes weights to exactly 0. */
    public static Regularizer l1(double l1) {
        return new Regularizer(l1, 0);
    }

    /** {@code loss += l2·Σw²} (Keras's scale): keeps weights small. */
    public static Regularizer l2(double l2) {
        return new Regularizer(0, l2);
    }

    public static Regularizer l1l2(double l1, double l2) {
        return new Regularizer(l1, l2);
    }

    /** A layer option: each unit's incoming weights kept at an L2 norm of at most {@code c}. */
    public static Constraint maxNorm(double c) {
        return Constraint.maxNorm(c);
    }

    /** A layer option: weights kept ≥ 0. */
    public static Constraint nonNeg() {
        return Constraint.nonNeg();
    }

    /** A layer option: each unit's incoming weights kept at an L2 norm of 1. */
    public static Constraint unitNorm() {
        return Constraint.unitNorm();
    }

    /**
     * A layer option: drop the fraction {@code rate} of the layer's outputs in training, by a
     * Dropout layer right after it ({@code dense(64, RELU, dropout(0.2))} is
     * {@code dense(64, RELU).dropout(0.2)}).
     */
    public static Dropout dropout(double rate) {
        return new Dropout(rate);
    }

    /** A conv or pooling option: the window moves {@code n} rows and {@code n} columns at a time. */
    public static Strides strides(int n) {
        return new Strides(n, n);
    }

    /** A conv or pooling option: the window moves {@code height} rows and {@code width} columns at a time. */
    public static Strides strides(int height, int width) {
        return new Strides(height, width);
    }

    /** A dense or conv option: whether the layer adds a bias (Keras's {@code use_bias}; default true). */
    public static UseBias useBias(boolean on) {
        return new UseBias(on);
    }

    // ---------------------------------------------------------------- where it runs
    /** Where ND4J runs: {@code CPU: <processor>, <n> cores} or, built with {@code -Pcuda}, {@code CUDA: <GPU>, <memory>}. */
    public static Backend backend() {
        return Backend.current();
    }

    // ---------------------------------------------------------------- fit arguments
    /**
     * {@code fit}'s arguments, Keras's defaults but {@code n} epochs:
     * {@code model.fit(train, epochs(150).batch(10).validationSplit(0.2))}.
     */
    public static Fit epochs(int n) {
        return Fit.defaults().epochs(n);
    }

    // ---------------------------------------------------------------- callbacks
    /** Stop when {@code monitor} (e.g. {@code "val_loss"}) stops improving. */
    public static EarlyStopping earlyStopping(String monitor) {
        return EarlyStopping.on(monitor);
    }

    /** Save the model to {@code file} after every epoch (or only the best, with {@code .bestOnly()}). */
    public static ModelCheckpoint checkpoint(Path file) {
        return ModelCheckpoint.to(file);
    }

    /** Cut the learning rate when {@code monitor} reaches a plateau. */
    public static ReduceLrOnPlateau reduceLrOnPlateau(String monitor) {
        return ReduceLrOnPlateau.on(monitor);
    }

    /** Write each epoch's logs as a CSV row. */
    public static CsvLogger csvLogger(Path file) {
        return new CsvLogger(file);
    }

    /**
     * A live dashboard in the browser: prints {@code dashboard: http://127.0.0.1:PORT/} at the
     * first fit and draws every run's curves as they train (loopback only, read-only).
     */
    public static Dashboard dashboard() {
        return Dashboard.create();
    }

    /**
     * The same, saving each run to a file in {@code dir} at every epoch end and showing the runs
     * saved there before beside it; {@code Dashboard.open(dir)} shows them without training.
     */
    public static Dashboard dashboard(Path dir) {
        return Dashboard.create().saveTo(dir);
    }

    /** Set the learning rate each epoch from {@code (epoch, initialRate) -> rate}. */
    public static LearningRateScheduler learningRateScheduler(LearningRateScheduler.Schedule schedule) {
        return new LearningRateScheduler(schedule);
    }

    /** Set the learning rate each epoch from {@code epoch -> rate} (epochs from 1). */
    public static LearningRateScheduler learningRateScheduler(IntToDoubleFunction rateOfEpoch) {
        return new LearningRateScheduler((epoch, initial) -> rateOfEpoch.applyAsDouble(epoch));
    }

    /** Schedule: the rate times {@code factor} every {@code every} epochs. */
    public static LearningRateScheduler.Schedule stepDecay(double factor, int every) {
        return LearningRateScheduler.Schedule.step(factor, every);
    }

    /** Schedule: the rate times {@code rate} each epoch. */
    public static LearningRateScheduler.Schedule exponentialDecay(double rate) {
        return LearningRateScheduler.Schedule.exponential(rate);
    }

    /** Schedule: half a cosine from the initial rate to 0 over {@code epochs}. */
    public static LearningRateScheduler.Schedule cosineDecay(int epochs) {
        return LearningRateScheduler.Schedule.cosine(epochs);
    }
}
