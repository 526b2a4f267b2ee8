package org.dendrite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Resumable;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Normalizer;
import org.dendrite.distribute.DistributedData;
import org.dendrite.distribute.Epochs;
import org.dendrite.distribute.Strategy;
import org.dendrite.internal.compile.DataCheck;
import org.dendrite.internal.compile.KerasLayout;
import org.dendrite.internal.compile.MemoryCheck;
import org.dendrite.internal.compile.NetworkBuilder;
import org.dendrite.internal.compile.OutputCheck;
import org.dendrite.internal.compile.ShapeCheck;
import org.dendrite.internal.training.Batches;
import org.dendrite.internal.training.DatasetBatches;
import org.dendrite.internal.training.IteratorBatches;
import org.dendrite.internal.training.Network;
import org.dendrite.internal.training.ProgressLog;
import org.dendrite.internal.training.Scoring;
import org.dendrite.internal.training.Trainer;
import org.dendrite.internal.training.TrainingRun;
import org.dendrite.layers.Embedding;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Shapes;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Accuracy;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.plots.Diagram;
import org.dendrite.runtime.DirectLayers;
import org.dendrite.runtime.NetworkUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A compiled {@link Sequential}: a real DL4J {@link MultiLayerNetwork} plus the optimiser, loss
 * and metrics it trains with. Made by {@link Sequential#compile}; {@link #network()} and
 * {@link #configuration()} hand out the DL4J objects themselves.
 *
 * <p>Unlike {@code Sequential}, a model is mutable: {@code fit} changes its weights. The network
 * is built when the input shape becomes known: at compile time after {@code input(n)}, else at
 * the first {@code fit}.
 *
 * <p>Safe to share between threads (a model served by a web server): {@code predict},
 * {@code evaluate} and the weight accessors take turns on the network, and give the same numbers as
 * one thread would. One {@code fit} runs at a time; a second one, or a {@code predict} from another
 * thread while it runs, is refused with the reason, and {@link #stop()} stops the one running.
 */
public final class Model {

    private static final int PREDICT_CHUNK = 1024;

    /** The stack of layers, for a model compiled from a {@link Sequential}; null for a functional one. */
    private volatile Sequential architecture;
    /** The graph of layers, for a model compiled from a {@link Functional}; null for a Sequential one. */
    private volatile Functional functional;

    private final Optimizer optimizer;
    private final Loss loss;
    /** The resolved loss of each output, in order ({@link #loss} is the first). */
    private final List<Loss> losses;

    private final List<Metric> metrics;
    /** The metrics of each output, in order ({@link #metrics} is the first's). */
    private final List<List<Metric>> outputMetrics;

    /** Shuffles the batches of every fit; a resumed fit takes the backup's. */
    private Random random;

    private MultiLayerNetwork network;
    private ComputationGraph graph;
    private long[] inputShape;
    /** Each layer's output shape (Keras's layout), known with the input shape. */
    private List<long[]> shapes;

    private String inputOrigin;
    private volatile TrainingRun current;
    /** Held by a fit for its whole run and by each read of the network (predict, evaluate, ...): one at a time. */
    private final ReentrantLock guard = new ReentrantLock();
    /** This model applied as a layer ({@link #apply}): a block per graph, or per architecture and last layer. */
    private final Map<Object, Block> blocks = new ConcurrentHashMap<>();
    /** The thread running fit, or null. */
    private volatile Thread fitting;
    /** A stop asked for while a fit was still checking its data, before its run state existed. */
    private volatile boolean stopAsked;

    Model(Sequential architecture, Optimizer optimizer, Loss loss, List<Metric> metrics) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.functional = null;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = OutputCheck.resolve(architecture.layers(), Objects.requireNonNull(loss, "loss"));
        this.losses = List.of(this.loss);
        this.metrics = metrics.stream() // crossEntropy as a metric is resolved as the loss is
                .map(m -> m.equals(Loss.CROSS_ENTROPY)
                        ? OutputCheck.resolve(architecture.layers(), Loss.CROSS_ENTROPY)
                        : m)
                .toList();
        this.outputMetrics = List.of(this.metrics);
        this.random = new Random(architecture.seed());
        architecture.inputShape().ifPresent(shape -> build(shape, "declared with input(...)"));
    }

    /** A model around a restored network (see {@link #load}). */
    Model(
            Sequential architecture,
            Optimizer optimizer,
            Loss loss,
            List<Metric> metrics,
            long[] inputShape,
            MultiLayerNetwork network) {
        this.architecture = architecture;
        this.functional = null;
        this.optimizer = optimizer;
        this.loss = loss;
        this.losses = List.of(loss);
        this.metrics = List.copyOf(metrics);
        this.outputMetrics = List.of(this.metrics);
        this.random = new Random(architecture.seed());
        this.network = network;
        DirectLayers.install(network);
        NetworkUpdater.install(network);
        this.inputShape = inputShape.clone();
        this.shapes = ShapeCheck.outputShapes(architecture.layers(), inputShape);
        this.inputOrigin = "restored from a saved model";
    }

    /** A functional model, built at once: its input shapes are declared. */
    Model(Functional functional, Optimizer optimizer, List<Loss> given, List<List<Metric>> metrics) {
        this.functional = functional;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.losses = GraphCompile.losses(functional, given);
        this.loss = losses.get(0);
        this.outputMetrics = GraphCompile.metrics(functional, metrics);
        this.metrics = outputMetrics.get(0);
        this.random = new Random(functional.seed());
        graph = GraphCompile.graph(functional, optimizer, losses);
        for (Node node : functional.nodes()) {
            Block block = node.block();
            if (block != null
                    && block.pretrained() != null
                    && functional.uses(node).get(0) == node) {
                List<String> own = block.inner().layers().stream()
                        .map(Functional.LayerAt::vertex)
                        .toList();
                block.pretrained().using("apply", () -> {
                    GraphCompile.copyWeights(block.pretrained().net(), own, graph, functional.layerVertices(node));
                    return null;
                });
            }
        }
        inputShape = functional.inputs().get(0).shape();
        shapes = functional.nodes().stream()
                .filter(n -> !n.isInput())
                .map(Node::shape)
                .toList();
        inputOrigin = "declared with Input(...)";
    }

    /** Checks every layer's shape rule, then builds DL4J's network for examples of {@code inputShape}. */
    private void build(long[] inputShape, String origin) {
        List<long[]> outputShapes = ShapeCheck.outputShapes(architecture.layers(), inputShape);
        OutputCheck.checkWidth(
                architecture.layers(),
                outputShapes.get(outputShapes.size() - 1)[0],
                OutputCheck.describe(architecture.layers()));
        MultiLayerConfiguration conf = NetworkBuilder.build(
                architecture.compiledLayers(), optimizer, loss, architecture.seed(), inputShape, architecture.frozen());
        MemoryCheck.parameters(conf, architecture.layers(), optimizer);
        Nd4j.getRandom().setSeed(architecture.seed());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DirectLayers.install(net);
        NetworkUpdater.install(net);
        network = net;
        this.inputShape = inputShape.clone();
        shapes = outputShapes;
        inputOrigin = origin;
    }

    // ---------------------------------------------------------------- threads

    /** Work on the network that may throw {@code E}. */
    @FunctionalInterface
    private interface Action<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs a fit: one at a time per model. A second fit, from another thread or from a callback, is
     * refused at once rather than interleaved with the first (whose weights it would change mid-step).
     */
    private History fitting(Action<History, RuntimeException> fit) {
        refuseWhileFitting("fit");
        guard.lock();
        try {
            refuseWhileFitting("fit");
            stopAsked = false;
            fitting = Thread.currentThread();
            try {
                return fit.run();
            } finally {
                fitting = null;
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * Runs a read or write of the network (predict, evaluate, weights, save) with no other running:
     * DL4J's layers keep per-call state, so concurrent calls on one network corrupt each other (or
     * crash native code). Calls from several threads therefore take turns; each ND4J operation still
     * uses every core. While a fit runs on another thread the call is refused, since the weights are
     * changing (one started just before the fit waits for it); a callback may call it on the fit's thread.
     */
    private <T, E extends Exception> T using(String what, Action<T, E> action) throws E {
        if (fitting != Thread.currentThread()) {
            refuseWhileFitting(what);
        }
        guard.lock();
        try {
            return action.run();
        } finally {
            guard.unlock();
        }
    }

    private void refuseWhileFitting(String what) {
        Thread other = fitting;
        if (other != null) {
            throw new IllegalStateException(
                    what + " refused: this model is training (fit on thread \"" + other.getName()
                            + "\"); a model runs one fit at a time, and reads its weights between fits. Wait for fit to return, or stop() it");
        }
    }

    // ---------------------------------------------------------------- training

    /** Trains for {@code epochs} epochs in batches of 32 (Keras's default), shuffling each epoch. */
    public History fit(Dataset data, int epochs) {
        return fit(data, Fit.defaults().epochs(epochs));
    }

    /** Trains for {@code epochs} epochs in batches of {@code batchSize}, shuffling each epoch. */
    public History fit(Dataset data, int epochs, int batchSize) {
        return fit(data, Fit.defaults().epochs(epochs).batch(batchSize));
    }

    /** Trains with every Keras {@code fit} argument given by {@code options}. */
    public History fit(Dataset data, Fit options) {
        return fitting(() -> fitNow(data, options));
    }

    private History fitNow(Dataset data, Fit options) {
        Objects.requireNonNull(data, "data");
        Dataset fitOn = data;
        Dataset validation = options.validationData() == null ? null : prepared(options.validationData());
        if (validation == null && options.validationSplit() > 0) {
            int trainSize = (int) Math.floor(data.size() * (1 - options.validationSplit()));
            if (trainSize == 0 || trainSize == data.size()) {
                throw new IllegalArgumentException("validationSplit " + options.validationSplit() + " of " + data.size()
                        + " examples leaves " + (trainSize == 0 ? "no training" : "no validation") + " examples");
            }
            validation = prepared(data.rows(trainSize, data.size()));
            fitOn = data.rows(0, trainSize);
        }
        Dataset train = prepared(classWeighted(fitOn, options.classWeight())); // Keras weighs classes in training only
        check(train);
        if (validation != null) {
            check(validation);
        }
        Batches validationBatches =
                validation == null ? null : new DatasetBatches(validation, options.batchSize(), false);
        if (options.strategy() != null) {
            refuseElsewhere(options, "fit(data, ….on(" + options.strategy() + "))");
            List<org.nd4j.linalg.dataset.api.MultiDataSet> batches = new ArrayList<>();
            new DatasetBatches(train, options.batchSize(), options.shuffle())
                    .epoch(random)
                    .forEachRemaining(batches::add); // shuffled once, as the strategy's workers will hold them
            return trainElsewhere(
                    options.strategy().distribute(batches), options.strategy(), validationBatches, options);
        }
        return train(
                new DatasetBatches(train, options.batchSize(), options.shuffle(), options.stepsPerEpoch()),
                null,
                validationBatches,
                options);
    }

    /**
     * Trains on data that lies where a {@link Strategy} trains, e.g. CSV files read on a Spark
     * cluster's executors ({@code spark.csv("hdfs:///data/train-*.csv").label(0).classes(10)},
     * module {@code dendrite-spark}); with {@code options.on(strategy)} or the data's own strategy.
     * Each epoch runs there; History, callbacks (on whole epochs), validation on
     * {@code validationData}, progress output and {@link #stop()} work here as for local training,
     * and the trained weights are this model's when it returns. The data's shape is checked against
     * the model before anything runs. Training logs what it logs here: the loss, the training
     * metrics (from the predictions the workers' steps made, sent back with each epoch) and the
     * {@code val_} values.
     *
     * @throws IllegalArgumentException for what needs the examples here: {@code validationSplit},
     *     {@code classWeight}, {@code stepsPerEpoch}, {@code backup}, a model that scales its input
     */
    public History fit(DistributedData data, Fit options) {
        return fitting(() -> fitNow(data, options));
    }

    private History fitNow(DistributedData data, Fit options) {
        Objects.requireNonNull(data, "data");
        String where = data.origin();
        refuseElsewhere(options, where);
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("validationSplit(" + options.validationSplit()
                    + ") needs the examples here; for " + where + " pass validationData(...) instead");
        }
        if (!options.classWeight().isEmpty()) {
            throw new IllegalArgumentException(
                    "classWeight(...) needs the examples here; " + where + " is read where it lies");
        }
        if (changesData()) {
            throw new IllegalArgumentException("this model scales its input (normalize(...)) or its labels (hinge),"
                    + " which happens here; " + where + " is read where it lies: scale the files beforehand");
        }
        requireOneInputAndOutput(where);
        long[] shape = data.exampleShape();
        if (graph == null && network == null) {
            build(shape, "taken from the data at the first fit");
        }
        try {
            DataCheck.features(
                    shape,
                    graph == null ? inputShape : functional.inputs().get(0).shape(),
                    inputOrigin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        long expected = losses.get(0).equals(Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY) ? 1 : outputWidth(0);
        if (data.labelWidth() != expected) {
            throw new IllegalArgumentException(where + ": the labels have " + data.labelWidth() + " column"
                    + (data.labelWidth() == 1 ? "" : "s") + " but " + outputLayer(0) + " needs " + expected);
        }
        Dataset validation = options.validationData() == null ? null : prepared(options.validationData());
        if (validation != null) {
            check(validation);
        }
        Batches validationBatches =
                validation == null ? null : new DatasetBatches(validation, options.batchSize(), false);
        return trainElsewhere(data, options.strategy(), validationBatches, options);
    }

    /** Refuses the {@code Fit} options that hold on to a place in local data, for training elsewhere. */
    private static void refuseElsewhere(Fit options, String where) {
        if (options.backupDir() != null) {
            throw new IllegalArgumentException("backup(" + options.backupDir() + ") is for training on this JVM, not "
                    + where + "; save checkpoints with checkpoint(path) instead");
        }
        if (options.stepsPerEpoch() > 0) {
            throw new IllegalArgumentException("stepsPerEpoch(" + options.stepsPerEpoch()
                    + ") is for training on this JVM, not " + where + ": every epoch there is one pass");
        }
    }

    /** Trains where {@code data} lies, its epochs opened for this fit and closed however it ends. */
    private History trainElsewhere(DistributedData data, Strategy strategy, Batches validation, Fit options) {
        try (Epochs epochs = data.train(net().dl4j(), strategy, options.batchSize())) {
            return train(null, epochs, validation, options);
        }
    }

    /**
     * The data with each example weighing its class's weight (times its own sample weight, if any),
     * as Keras's {@code class_weight}; as it is when no class weights are given.
     *
     * @throws IllegalArgumentException for a model of several outputs, or a class of the labels without a weight
     */
    private Dataset classWeighted(Dataset data, Map<Integer, Double> classWeight) {
        if (classWeight.isEmpty()) {
            return data;
        }
        if (outputCount() > 1) {
            throw new IllegalArgumentException(
                    "classWeight applies to a model of one output; with several, weigh examples with sample weights");
        }
        INDArray labels = data.labels();
        INDArray classes = labels.size(1) > 1 ? labels.argMax(1) : Transforms.round(labels.reshape(labels.size(0)));
        double[] weights = new double[data.size()];
        java.util.SortedSet<Integer> missing = new java.util.TreeSet<>();
        for (int i = 0; i < weights.length; i++) {
            int c = classes.getInt(i);
            Double w = classWeight.get(c);
            if (w == null) {
                missing.add(c);
            } else {
                weights[i] = w;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("classWeight must weigh every class in the labels: class"
                    + (missing.size() == 1 ? " " : "es ") + missing + " occur" + (missing.size() == 1 ? "s" : "")
                    + " in the labels but not in classWeight " + new java.util.TreeMap<>(classWeight));
        }
        INDArray column =
                Nd4j.createFromArray(weights).reshape(weights.length, 1).castTo(labels.dataType());
        return data.withSampleWeights(data.sampleWeights().map(column::mul).orElse(column));
    }

    /** Trains on arrays, as Keras's {@code fit(x, y, epochs=, batch_size=)}. */
    public History fit(INDArray features, INDArray labels, int epochs, int batchSize) {
        return fit(Dataset.of(features, labels), epochs, batchSize);
    }

    /**
     * Trains a model of several inputs or outputs on an array per input and per output, in the
     * model's order, as Keras's {@code fit([x1, x2], [y1, y2], epochs=, batch_size=)}.
     */
    public History fit(List<INDArray> features, List<INDArray> labels, int epochs, int batchSize) {
        return fit(Dataset.of(features, labels), epochs, batchSize);
    }

    /** One epoch over a DL4J data set in batches of 32, as Keras's {@code fit(x, y)} (not one full-batch step). */
    public History fit(DataSet dataSet) {
        return fit(Dataset.of(dataSet), 1);
    }

    /** Trains on a DL4J iterator for {@code epochs} epochs (see {@link #fit(DataSetIterator, Fit)}). */
    public History fit(DataSetIterator iterator, int epochs) {
        return fit(iterator, Fit.defaults().epochs(epochs));
    }

    /**
     * Trains on a DL4J iterator (data larger than memory, e.g. {@code Csv...stream(1024)}), reset
     * before each epoch and used in its own order and batch size; every other {@code Fit} argument
     * applies (callbacks, verbosity, {@code validationData}).
     *
     * @throws IllegalArgumentException for {@code batch(...)} or {@code validationSplit(...)}, which
     *     need in-memory data: the iterator makes its own batches, and holds no "last fraction"
     */
    public History fit(DataSetIterator iterator, Fit options) {
        return fitting(() -> fitNow(iterator, options));
    }

    private History fitNow(DataSetIterator iterator, Fit options) {
        Objects.requireNonNull(iterator, "iterator");
        if (options.backupDir() != null) {
            throw new IllegalArgumentException("backup(" + options.backupDir() + ") needs in-memory data"
                    + " (an iterator's position cannot be restored); pass a Dataset to fit");
        }
        if (!options.classWeight().isEmpty()) {
            throw new IllegalArgumentException("classWeight(...) needs in-memory data (the classes of every example);"
                    + " with an iterator, give each batch's examples their weights yourself");
        }
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("validationSplit(" + options.validationSplit()
                    + ") needs in-memory data; " + "with an iterator pass validationData(...) instead");
        }
        requireOneInputAndOutput("a DL4J iterator");
        var batches = iteratorBatches(iterator);
        DataSet first = batches.peek();
        if (options.batchSize() != Fit.DEFAULT_BATCH && options.batchSize() != first.numExamples()) {
            throw new IllegalArgumentException("batch(" + options.batchSize()
                    + ") applies to in-memory data; the iterator makes " + "its own batches of " + first.numExamples());
        }
        Dataset validation = options.validationData() == null ? null : prepared(options.validationData());
        if (validation != null) {
            check(validation);
        }
        Batches validationBatches =
                validation == null ? null : new DatasetBatches(validation, first.numExamples(), false);
        return train(
                batches.stepsPerEpoch(options.stepsPerEpoch()),
                null,
                validationBatches,
                options.batch(Math.max(first.numExamples(), 1)));
    }

    /**
     * Batches from a DL4J iterator (images channels first), prepared as {@link #prepared} prepares a
     * data set and each checked as {@link #check} checks one, the batch's number in any message.
     */
    private IteratorBatches iteratorBatches(DataSetIterator iterator) {
        UnaryOperator<DataSet> prepare = changesData()
                ? batch -> withMasksOf(batch, prepared(Dataset.of(batch)).toDataSet())
                : batch -> batch;
        return new IteratorBatches(iterator, prepare, (batch, number) -> {
            try {
                check(Dataset.of(batch)); // finite values, within float range
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("batch " + number + " of the iterator: " + e.getMessage(), e);
            }
        });
    }

    /** {@code prepared} with the masks of the batch it was prepared from (padded sequences, example weights). */
    private static DataSet withMasksOf(DataSet batch, DataSet prepared) {
        prepared.setFeaturesMaskArray(batch.getFeaturesMaskArray());
        prepared.setLabelsMaskArray(batch.getLabelsMaskArray());
        return prepared;
    }

    /** The data as the network takes it: scaled when the architecture has a normalizer, labels as the loss takes them. */
    private Dataset prepared(Dataset data) {
        if (!changesData()) {
            return data;
        }
        Dataset scaled = Dataset.of(scaled(data.featureArrays()), data.labelArrays());
        List<INDArray> labels = new ArrayList<>();
        for (int i = 0; i < scaled.labelArrays().size() && i < losses.size(); i++) {
            labels.add(losses.get(i).prepare(scaled.labelArrays().get(i)));
        }
        Dataset prepared =
                labels.size() == scaled.labelArrays().size() ? Dataset.of(scaled.featureArrays(), labels) : scaled;
        return data.sampleWeights().map(prepared::withSampleWeights).orElse(prepared);
    }

    /** Whether the network takes data other than as given: scaled by a normalizer, or hinge's labels as -1/+1. */
    private boolean changesData() {
        return normalizers().stream().anyMatch(Objects::nonNull) || losses.contains(Loss.HINGE);
    }

    /** Each input's scaling, in order, null where it has none. */
    private List<Normalizer> normalizers() {
        if (graph == null) {
            return java.util.Collections.singletonList(architecture.normalizer().orElse(null));
        }
        return functional.inputs().stream().map(Node::normalizer).toList();
    }

    /** Feature arrays as the network takes them: each scaled by its input's normalizer, if any. */
    private List<INDArray> scaled(List<INDArray> features) {
        List<Normalizer> normalizers = normalizers();
        List<INDArray> scaled = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Normalizer n = i < normalizers.size() ? normalizers.get(i) : null;
            scaled.add(n == null ? features.get(i) : n.apply(features.get(i)));
        }
        return scaled;
    }

    /** Refuses what takes one input and one output (a DL4J iterator, a single array) for a model with more. */
    private void requireOneInputAndOutput(String what) {
        if (inputCount() > 1 || outputCount() > 1) {
            throw new IllegalArgumentException(what
                    + " holds one feature array and one label array, but this model has "
                    + inputCount() + " input" + (inputCount() == 1 ? "" : "s") + " and " + outputCount() + " output"
                    + (outputCount() == 1 ? "" : "s") + ": pass Dataset.of(List.of(x1, ...), List.of(y1, ...))");
        }
    }

    private int inputCount() {
        return graph == null ? 1 : functional.inputs().size();
    }

    private int outputCount() {
        return graph == null ? 1 : functional.outputs().size();
    }

    /** The Embeddings that take input {@code i}'s token indices as they are, by name. */
    private Map<String, Embedding> embeddingsOn(int i) {
        if (graph == null) {
            return architecture.layers().get(0) instanceof Embedding e ? Map.of("layer 0", e) : Map.of();
        }
        return functional.embeddingsOn(functional.inputs().get(i));
    }

    /** Output {@code i}'s layer as messages name it. */
    private String outputLayer(int i) {
        if (graph == null) {
            return OutputCheck.describe(architecture.layers());
        }
        Node output = functional.outputs().get(i);
        return OutputCheck.describe(
                functional.name(output),
                functional.chain(output).stream().map(Node::layer).toList());
    }

    /** The width of output {@code i}, from the shape rules. */
    private long outputWidth(int i) {
        return graph == null
                ? shapes.get(shapes.size() - 1)[0]
                : functional.outputs().get(i).shape()[0];
    }

    /** Checks data against the model before anything runs on it, building the network from its shape at the first fit. */
    private void check(Dataset data) {
        checkFeatures(data.featureArrays(), "fit");
        if (data.labelArrays().size() != outputCount()) {
            throw new IllegalArgumentException(
                    "the data has " + data.labelArrays().size() + " label arrays but the model has "
                            + outputCount() + " output" + (outputCount() == 1 ? "" : "s") + " " + outputNames()
                            + ": one label array per output, in that order");
        }
        for (int i = 0; i < outputCount(); i++) {
            INDArray labels = data.labelArrays().get(i);
            String where = outputLayer(i);
            try {
                DataCheck.labels(labels, outputWidth(i), where, losses.get(i));
                DataCheck.metrics(labels, outputWidth(i), outputMetrics.get(i));
            } catch (IllegalArgumentException e) {
                throw outputCount() == 1
                        ? e
                        : new IllegalArgumentException(
                                "label array " + i + " (output " + outputNames().get(i) + "): " + e.getMessage(), e);
            }
        }
    }

    /** Checks feature arrays against the inputs (count, shapes, token indices), building a Sequential network at the first fit. */
    /** @param use what the data came to first, should it build the network: {@code "fit"}, {@code "predict"} */
    private void checkFeatures(List<INDArray> features, String use) {
        if (features.size() != inputCount()) {
            throw new IllegalArgumentException("the data has " + features.size() + " feature array"
                    + (features.size() == 1 ? "" : "s") + " but the model has " + inputCount() + " inputs "
                    + inputNames() + ": one feature array per input, in that order");
        }
        if (graph == null && network == null) {
            build(Dataset.exampleShape(features.get(0)), "taken from the data at the first " + use);
        }
        for (int i = 0; i < inputCount(); i++) {
            long[] expected =
                    graph == null ? inputShape : functional.inputs().get(i).shape();
            try {
                DataCheck.features(Dataset.exampleShape(features.get(i)), expected, inputOrigin);
                DataCheck.tokens(features.get(i), embeddingsOn(i));
            } catch (IllegalArgumentException e) {
                throw inputCount() == 1
                        ? e
                        : new IllegalArgumentException(
                                "feature array " + i + " (input " + inputNames().get(i) + "): " + e.getMessage(), e);
            }
        }
    }

    private List<String> inputNames() {
        return functional.inputs().stream().map(functional::name).toList();
    }

    private List<String> outputNames() {
        return graph == null
                ? List.of("output")
                : functional.outputs().stream().map(functional::name).toList();
    }

    /** @param remote where the epochs run instead of over {@code train} here (which is then null), or null */
    private History train(Batches train, Epochs remote, Batches validation, Fit options) {
        MemoryCheck.batch(shapes, inputShape, options.batchSize());
        Set<String> logged = new LinkedHashSet<>(logNames(outputMetrics, ""));
        if (validation != null) {
            logged.addAll(logNames(outputMetrics, "val_"));
        }
        TrainingRun training = new TrainingRun(net(), this::save, options.epochs(), logged, () -> summaryTable()
                .toString());
        History history = new History();
        var progress = new ProgressLog(
                System.out, options.verbose(), System.console() != null || Boolean.getBoolean("dendrite.interactive"));
        current = training;
        if (stopAsked) {
            training.stop(TrainingRun.BY_REQUEST);
        }
        Backup backup = options.backupDir() == null ? null : new Backup(options.backupDir());
        List<Callback> callbacks = options.callbacks();
        var schedule = new Trainer.Schedule(
                () -> backup == null
                        ? options.initialEpoch() + 1
                        : resume(backup, train, training, history, callbacks, options.initialEpoch(), progress),
                options.validationFreq(),
                epoch -> {
                    if (backup != null) {
                        backup.write(
                                this,
                                new Backup.State(
                                        epoch,
                                        random,
                                        history.snapshot(),
                                        training.bestEpoch(),
                                        net().learningRate(),
                                        Backup.classes(callbacks),
                                        Backup.states(callbacks),
                                        train.position()));
                    }
                });
        try {
            var trainer = new Trainer(net(), outputMetrics, () -> random, seed(), progress);
            if (remote == null) {
                trainer.fit(train, validation, training, callbacks, schedule, history::record);
            } else {
                trainer.fit(remote, validation, training, callbacks, schedule, history::record);
            }
            if (backup != null && !training.stoppedFromOutside()) {
                backup.delete(); // ended normally: every epoch, or a callback's stop (Keras's behaviour)
            }
        } finally {
            current = null;
            history.finish(training.stoppedEpoch(), training.stopReason(), training.bestEpoch());
        }
        return history;
    }

    /** The seed of the architecture, Sequential or functional. */
    private long seed() {
        return graph != null ? functional.seed() : architecture.seed();
    }

    /**
     * Restores a resumable run from its backup, if there is one (after the callbacks' onTrainBegin):
     * weights, optimiser state and counts, the shuffling RNG, History, the best epoch, the learning
     * rate and each callback's state. Returns the first epoch to run.
     */
    private int resume(
            Backup backup,
            Batches train,
            TrainingRun training,
            History history,
            List<Callback> callbacks,
            int initialEpoch,
            ProgressLog progress) {
        Backup.Restored restored = backup.read(this, callbacks);
        if (restored == null) {
            return initialEpoch + 1;
        }
        Backup.State state = restored.state();
        train.resumeAt(state.batches()); // stepsPerEpoch: the place in the pass the epochs walk through
        if (restored.network() instanceof ComputationGraph saved) {
            graph.setParams(saved.params());
            if (saved.getUpdater().getStateViewArray() != null) {
                graph.getUpdater().getStateViewArray().assign(saved.getUpdater().getStateViewArray());
            }
            graph.getConfiguration().setIterationCount(saved.getConfiguration().getIterationCount());
            graph.getConfiguration().setEpochCount(saved.getConfiguration().getEpochCount());
        } else {
            MultiLayerNetwork saved = (MultiLayerNetwork) restored.network();
            MultiLayerNetwork own = network();
            own.setParams(saved.params());
            if (saved.getUpdater().getStateViewArray() != null) {
                own.getUpdater().getStateViewArray().assign(saved.getUpdater().getStateViewArray());
            }
            own.setIterationCount(saved.getIterationCount());
            own.setEpochCount(saved.getEpochCount());
        }
        random = state.random();
        history.restore(state.history());
        if (state.bestEpoch() > 0) {
            training.markBest(state.bestEpoch());
        }
        if (state.learningRate() != null && !state.learningRate().equals(net().learningRate())) {
            net().setLearningRate(state.learningRate());
        }
        for (int i = 0; i < callbacks.size(); i++) {
            if (callbacks.get(i) instanceof Resumable r
                    && state.callbackStates().get(i) != null) {
                r.restore(state.callbackStates().get(i));
            }
        }
        progress.message("resuming from the backup in " + backup.dir() + ": epoch " + state.epoch() + " of "
                + training.epochs() + " done");
        return state.epoch() + 1;
    }

    /**
     * Asks a {@code fit} in progress (on another thread, e.g. JShell's) to stop after the current
     * batch; the model keeps the weights of the last finished epoch. Does nothing when idle.
     */
    public void stop() {
        if (fitting == null) {
            return;
        }
        stopAsked = true; // before reading current: a fit that has not set it yet sees the flag instead
        TrainingRun training = current;
        if (training != null) {
            training.stop(TrainingRun.BY_REQUEST);
        }
    }

    // ---------------------------------------------------------------- inference

    /**
     * The loss and metrics on {@code data}, with dropout off. Accuracy is included for every
     * classification loss, even when not compiled.
     */
    public Evaluation evaluate(Dataset raw) {
        Objects.requireNonNull(raw, "data");
        return using("evaluate", () -> evaluateNow(raw));
    }

    private Evaluation evaluateNow(Dataset raw) {
        Dataset data = prepared(raw);
        check(data);
        return new Evaluation(
                Scoring.evaluate(net(), new DatasetBatches(data, 1, false).inOrder(), reported(), "", true));
    }

    /**
     * The loss and metrics over every batch of a DL4J iterator (data larger than memory), with
     * dropout off, as {@link #evaluate(Dataset)} computes them over a data set.
     */
    public Evaluation evaluate(DataSetIterator iterator) {
        return using("evaluate", () -> evaluateNow(iterator));
    }

    private Evaluation evaluateNow(DataSetIterator iterator) {
        var batches = iteratorBatches(Objects.requireNonNull(iterator, "iterator"));
        batches.peek(); // checks the first batch, and builds the network from it if need be
        return new Evaluation(Scoring.evaluate(net(), batches.inOrder(), reported(), "", true));
    }

    /** Each output's compiled metrics, with accuracy first for a classifier that was not compiled with it. */
    private List<List<Metric>> reported() {
        List<List<Metric>> all = new ArrayList<>();
        for (int i = 0; i < outputMetrics.size(); i++) {
            List<Metric> reported = new ArrayList<>(outputMetrics.get(i));
            if (losses.get(i).isClassification()
                    && reported.stream().noneMatch(m -> m.name().equals("accuracy"))) {
                reported.add(0, new Accuracy());
            }
            all.add(reported);
        }
        return all;
    }

    /** The names an epoch logs, as Keras names them: {@code loss}, then per output {@code <output>_loss} when several, then the metrics. */
    private List<String> logNames(List<List<Metric>> metrics, String prefix) {
        List<String> names = new ArrayList<>(List.of(prefix + "loss"));
        List<String> outputs = outputNames();
        if (outputs.size() > 1) {
            outputs.forEach(o -> names.add(prefix + o + "_loss"));
        }
        for (int i = 0; i < outputs.size(); i++) {
            String output = outputs.size() > 1 ? outputs.get(i) + "_" : "";
            metrics.get(i).forEach(m -> names.add(prefix + output + m.name()));
        }
        return names;
    }

    /** The model's outputs for each example of {@code features} (images {@code [n, height, width, channels]}), with dropout off: shape {@code [rows, outputs]}. */
    public INDArray predict(INDArray features) {
        Objects.requireNonNull(features, "features");
        requireOneInputAndOutput("predict(INDArray)");
        return predict(List.of(features)).get(0);
    }

    /**
     * The outputs of a model with several inputs or outputs (Keras's {@code predict([x1, x2])}):
     * one feature array per input, in the model's order; one prediction array per output.
     */
    public List<INDArray> predict(List<INDArray> features) {
        Objects.requireNonNull(features, "features");
        return using("predict", () -> predictNow(features));
    }

    private List<INDArray> predictNow(List<INDArray> raw) {
        List<INDArray> features = scaled(raw);
        checkFeatures(features, "predict");
        long rows = features.get(0).size(0);
        for (int i = 1; i < features.size(); i++) {
            if (features.get(i).size(0) != rows) {
                throw new IllegalArgumentException("feature array 0 has " + rows + " rows but feature array " + i
                        + " has " + features.get(i).size(0) + "; each example needs one row in each");
            }
        }
        List<List<INDArray>> parts = new ArrayList<>();
        for (long start = 0; start < rows; start += PREDICT_CHUNK) {
            long from = start;
            long to = Math.min(from + PREDICT_CHUNK, rows);
            INDArray[] chunk = features.stream()
                    .map(f -> Dataset.toDl4j(to - from == rows ? f : rowsOf(f, from, to)))
                    .toArray(INDArray[]::new);
            parts.add(List.of(net().output(chunk)));
        }
        List<INDArray> outputs = new ArrayList<>();
        for (int o = 0; o < outputCount(); o++) {
            int output = o;
            List<INDArray> pieces = parts.stream().map(p -> p.get(output)).toList();
            outputs.add(pieces.size() == 1 ? pieces.get(0) : Nd4j.vstack(pieces));
        }
        return outputs;
    }

    private static INDArray rowsOf(INDArray array, long from, long to) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(from, to);
        return array.get(index);
    }

    /** The model's outputs for a data set's features (one array per output for a model with several). */
    public INDArray predict(Dataset data) {
        return predict(data.features());
    }

    // ---------------------------------------------------------------- inspection

    /**
     * The weights in Keras's {@code get_weights()} order: for each layer with weights, its kernel
     * then its bias. Dense kernels are {@code [inputs, units]}, biases {@code [1, units]}. Copies:
     * changing them does not change the model.
     */
    public List<INDArray> getWeights() {
        return using("getWeights", this::getWeightsNow);
    }

    private List<INDArray> getWeightsNow() {
        return LayerWeights.inKerasLayout(weightedLayers());
    }

    /**
     * Sets every weight, in {@link #getWeights()}'s order and shapes (a bias may also be given as
     * a vector). Used to reproduce hand-computed examples exactly.
     *
     * @throws IllegalArgumentException naming the array, its layer and both shapes on any mismatch
     */
    public void setWeights(INDArray... weights) {
        Objects.requireNonNull(weights, "weights");
        using("setWeights", () -> {
            LayerWeights.set(weightedLayers(), weights);
            return null;
        });
    }

    /** Every layer, in order, with its weights. */
    private List<LayerWeights> weightedLayers() {
        List<LayerWeights> all = new ArrayList<>();
        if (graph != null) {
            for (var layer : functional.layers()) {
                all.add(LayerWeights.of(
                        layer.name(),
                        layer.layer(),
                        graph.getLayer(layer.vertex()).paramTable(),
                        KerasLayout.flattenedImage(
                                layer.chain(),
                                layer.chainInputs(),
                                layer.chain().size() - 1)));
            }
            return all;
        }
        List<long[]> inputs = new ArrayList<>(); // each layer's input shape: the model's, then each layer's output
        inputs.add(inputShape);
        inputs.addAll(shapes.subList(0, shapes.size() - 1));
        List<Layer> layers = architecture.layers();
        for (int i = 0; i < layers.size(); i++) {
            all.add(LayerWeights.of(
                    "layer " + i,
                    layers.get(i),
                    network().getLayer(i).paramTable(),
                    KerasLayout.flattenedImage(layers, inputs, i)));
        }
        return all;
    }

    /** Prints the Keras-style table of layers, output shapes and parameter counts. */
    public void summary() {
        summary(System.out);
    }

    /** Prints the summary table to {@code out}. */
    public void summary(PrintStream out) {
        out.print(summaryTable());
    }

    /** The summary as a value: rows and totals, with the table as its {@code toString}. */
    public Summary summaryTable() {
        return using(
                "summary",
                () -> graph != null
                        ? Summary.of(functional, graph)
                        : Summary.of(architecture.layers(), network(), shapes, architecture.frozen()));
    }

    /**
     * Draws the model as Keras's {@code plot_model(model, show_shapes=True)} does: a box per layer
     * with its name, kind and output shape, an arrow to each layer that takes it (branches and
     * merges of a functional model included), written as SVG or PNG by the file's extension,
     * atomically. Dendrite draws it itself: no Graphviz.
     *
     * @throws IllegalArgumentException for a file that ends in neither {@code .svg} nor {@code .png}
     */
    public void plot(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<Summary.Row> rows = summaryTable().rows();
        List<Diagram.Box> boxes = new ArrayList<>();
        if (graph == null) {
            boxes.add(new Diagram.Box("input_layer (InputLayer)", Shapes.keras(inputShape()), List.of()));
            for (int i = 0; i < rows.size(); i++) {
                boxes.add(new Diagram.Box(
                        rows.get(i).name() + " (" + rows.get(i).type() + ")",
                        rows.get(i).outputShape(),
                        List.of(i)));
            }
        } else {
            List<String> names = rows.stream().map(Summary.Row::name).toList();
            for (Summary.Row row : rows) {
                List<Integer> from = row.connectedTo().stream()
                        .map(c -> names.indexOf(c.substring(0, c.indexOf('['))))
                        .distinct()
                        .toList();
                boxes.add(new Diagram.Box(row.name() + " (" + row.type() + ")", row.outputShape(), from));
            }
        }
        new Diagram(boxes).save(file);
    }

    // ---------------------------------------------------------------- transfer learning

    /**
     * Freezes layers 0 to {@code lastLayer}: training leaves their weights exactly as they are
     * (Keras's {@code layer.trainable = False} on each, then {@code compile}), for fine-tuning a new
     * head on features a model has learnt. The weights are kept; the optimiser starts afresh, as
     * Keras's recompile does. {@code summary()} counts the frozen weights as non-trainable, and a
     * saved model keeps them frozen.
     *
     * @throws IllegalArgumentException for an index that names no layer
     */
    public Model freezeUpTo(int lastLayer) {
        if (graph != null) {
            List<Summary.Row> rows = summaryTable().rows();
            if (lastLayer < 0 || lastLayer >= rows.size()) {
                throw new IllegalArgumentException(
                        "freezeUpTo: the summary lists rows 0.." + (rows.size() - 1) + ", received " + lastLayer);
            }
            return freezeUpTo(rows.get(lastLayer).name());
        }
        int[] layers = java.util.stream.IntStream.rangeClosed(0, lastLayer).toArray();
        return using("freezeUpTo", () -> rebuilt(sequential("freezeUpTo").freeze(layers)));
    }

    /** Freezes the layers up to the one {@code summary()} names {@code layerName} (e.g. {@code "flatten"}). */
    public Model freezeUpTo(String layerName) {
        Objects.requireNonNull(layerName, "layerName");
        if (graph != null) {
            return using(
                    "freezeUpTo",
                    () -> rebuilt(functional.freeze(functional.upTo(layerName).toArray(String[]::new))));
        }
        List<String> names =
                summaryTable().rows().stream().map(Summary.Row::name).toList();
        int index = names.indexOf(Objects.requireNonNull(layerName, "layerName"));
        if (index < 0) {
            throw new IllegalArgumentException(
                    "freezeUpTo: no layer is named \"" + layerName + "\"; the layers are " + names);
        }
        return freezeUpTo(index);
    }

    /** Makes every layer trainable again; the optimiser starts afresh. */
    public Model unfreeze() {
        return using(
                "unfreeze",
                () -> graph != null
                        ? rebuilt(functional.unfreeze())
                        : rebuilt(sequential("unfreeze").unfreeze()));
    }

    /** This functional model with {@code changed} as its graph and a network built for it, with the same weights. */
    private Model rebuilt(Functional changed) {
        refuseFreezingWhileFitting();
        ComputationGraph net = GraphCompile.graph(changed, optimizer, losses);
        net.setParams(graph.params());
        functional = changed;
        graph = net;
        return this;
    }

    /** This model with {@code changed} as its architecture and a network built for it, with the same weights. */
    private Model rebuilt(Sequential changed) {
        refuseFreezingWhileFitting();
        MultiLayerNetwork old = network();
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(
                changed.compiledLayers(), optimizer, loss, changed.seed(), inputShape, changed.frozen()));
        net.init();
        net.setParams(old.params());
        DirectLayers.install(net);
        NetworkUpdater.install(net);
        architecture = changed;
        network = net;
        return this;
    }

    /** The Sequential this model was compiled from, for what only a layer stack does yet. */
    private Sequential sequential(String what) {
        if (architecture == null) {
            throw new UnsupportedOperationException(
                    what + " is not available for a functional model yet, only for a Sequential one");
        }
        return architecture;
    }

    /**
     * This trained model as a layer of a functional one, with its weights (Keras's
     * {@code base_model(inputs)}). The weights are copied when the functional model is compiled;
     * layers frozen here (see {@link #freezeUpTo}) stay frozen there. Applied to several nodes, it
     * is one shared layer. A functional model applied this way has one input and one output.
     */
    public Node apply(Node input) {
        Objects.requireNonNull(input, "input");
        if (graph != null) {
            Functional graphModel = functional;
            return Node.block(blocks.computeIfAbsent(graphModel, k -> new Block(graphModel, null, this)), input);
        }
        return applyUpTo(input, sequential("apply").layers().size() - 1);
    }

    /**
     * This trained Sequential model's layers up to the one {@code summary()} names {@code lastLayer},
     * with their weights, as a layer of a functional model: a feature extractor for a new head
     * (Keras's {@code Model(base.input, base.get_layer(name).output)} then called on {@code input}).
     */
    public Node apply(Node input, String lastLayer) {
        Objects.requireNonNull(lastLayer, "lastLayer");
        List<String> names =
                summaryTable().rows().stream().map(Summary.Row::name).toList();
        int index = names.indexOf(lastLayer);
        if (index < 0) {
            throw new IllegalArgumentException(
                    "apply: no layer is named \"" + lastLayer + "\"; the layers are " + names);
        }
        return applyUpTo(input, index);
    }

    /** Layers 0 to {@code last}, one block per architecture and count however often applied, so that its uses share weights. */
    private Node applyUpTo(Node input, int last) {
        Sequential architecture = sequential("apply");
        long[] shape = inputShape();
        Block block = blocks.computeIfAbsent(
                List.of(architecture, last), k -> Block.of(architecture.upTo(last), shape, this));
        return Node.block(block, input);
    }

    private void refuseFreezingWhileFitting() {
        if (fitting != null) {
            throw new IllegalStateException(
                    "freezing refused: this model is training; change what is frozen between fits");
        }
    }

    /** DL4J's configuration of a Sequential model (built when the input shape is known); a functional one's is {@code graph().getConfiguration()}. */
    public MultiLayerConfiguration configuration() {
        return network().getLayerWiseConfigurations();
    }

    /** The DL4J network of a Sequential model: train or inspect it directly if you need to. A functional model's is {@link #graph()}. */
    public MultiLayerNetwork network() {
        if (graph != null) {
            throw new IllegalStateException(
                    "a functional model is a DL4J ComputationGraph, not a MultiLayerNetwork: use graph()");
        }
        if (network == null) {
            throw new IllegalStateException("the model has not been built yet: its input shape is unknown. "
                    + "Declare it with Sequential().input(n) or call fit first");
        }
        return network;
    }

    /** The DL4J network of a functional model (one made with {@code Model(inputs, outputs)}). */
    public ComputationGraph graph() {
        if (graph == null) {
            throw new IllegalStateException(
                    "a Sequential model is a DL4J MultiLayerNetwork, not a ComputationGraph: use network()");
        }
        return graph;
    }

    /** DL4J's network, whichever kind this model compiles to. */
    private Network net() {
        return graph != null ? Network.of(graph, functional.lossWeights()) : Network.of(network());
    }

    /** The shape of one input example in Keras's layout: {@code [8]}, {@code [timesteps, features]}, {@code [height, width, channels]}. */
    public long[] inputShape() {
        if (graph == null) {
            network();
        }
        return inputShape.clone();
    }

    /** The Sequential this model was compiled from; for a functional model see {@link #functional()}. */
    public Sequential architecture() {
        return sequential("architecture()");
    }

    /** The functional graph this model was compiled from; for a Sequential model see {@link #architecture()}. */
    public Functional functional() {
        if (functional == null) {
            throw new IllegalStateException("a Sequential model has no functional graph: see architecture()");
        }
        return functional;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Whether this model was written with the functional API (its network is a {@link #graph()}). */
    public boolean isFunctional() {
        return graph != null;
    }

    /** The loss of each output, in order (one for a Sequential model), each resolved as {@link #loss()} is. */
    public List<Loss> losses() {
        return losses;
    }

    /** The loss trained with ({@code crossEntropy} already resolved to binary or categorical). */
    public Loss loss() {
        return loss;
    }

    /** The metrics reported for each output, in order (one list for a Sequential model). */
    public List<List<Metric>> outputMetrics() {
        return outputMetrics;
    }

    /** The compiled metrics (a functional model's first output's: see {@link #outputMetrics()}). */
    public List<Metric> metrics() {
        return metrics;
    }

    // ---------------------------------------------------------------- files

    /**
     * Writes configuration, weights and optimiser state to a zip file, atomically (a temporary
     * file renamed into place); {@link #load} restores a model that predicts bit for bit the same.
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        using("save", () -> saveNow(file));
    }

    private Void saveNow(Path file) throws IOException {
        ModelFile.save(this, file);
        return null;
    }

    /** Reads a model written by {@link #save}. */
    public static Model load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return ModelFile.load(file);
    }

    /** E.g. {@code Model[Dense(12, relu) → Dense(1, sigmoid); adam(lr=0.001), binary_crossentropy, accuracy; 221 params]}. */
    @Override
    public String toString() {
        String layers = graph != null
                ? functional.toString()
                : architecture.layers().stream().map(Object::toString).collect(Collectors.joining(" → "));
        String extras = metrics.isEmpty()
                ? ""
                : ", " + metrics.stream().map(Metric::name).collect(Collectors.joining(", "));
        String params = graph != null
                ? graph.numParams() + " params"
                : network == null ? "not built: input shape unknown" : network.numParams() + " params";
        return "Model[" + layers + "; " + optimizer + ", " + loss + extras + "; " + params + "]";
    }
}
