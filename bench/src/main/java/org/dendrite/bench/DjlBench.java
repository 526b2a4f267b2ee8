package org.dendrite.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The DJL side (Deep Java Library 0.36, PyTorch 2.7.1 CPU engine, offline), run in a JVM of its own
 * by {@link DjlSide}: the same models, data files, optimiser settings and batches as
 * {@code bench.py}, written as a DJL user would (blocks, a {@code Trainer}, a gradient collector per
 * step). Prints the same lines as {@code bench.py}'s commands {@code train}, {@code infer} and
 * {@code micro}. DJL's PyTorch engine has no RMSprop or Adadelta update, so those two are written
 * here with NDArray operations ({@link DjlUpdates}).
 */
public final class DjlBench {

    private DjlBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "train" -> train(
                    Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "infer" -> infer(Path.of(args[1]), Path.of(args[2]));
            case "micro" -> micro();
            case "lstm" -> lstm(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("no DJL command " + args[0] + "; train, infer or micro");
        }
    }

    /** A data set in NDArrays: features, labels (a float class index or 0/1), the shape of one batch. */
    record Data(NDArray x, NDArray y, Shape example) {
        long size() {
            return x.getShape().get(0);
        }
    }

    private static void train(Path pimaCsv, Path mnistDir, int repetitions, int w3Steps) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Data pima = pima(manager, pimaCsv);
            Data mnist = mnist(manager, mnistDir, 60_000, new Shape(784));
            Data images = mnist(manager, mnistDir, w3Steps * 128, new Shape(1, 28, 28));
            report("W1", repetitions, () -> fit(DjlBench::pimaNet, pima, sigmoidLoss(), DjlBench::adam, 150, 10));
            report(
                    "W2",
                    repetitions,
                    () -> fit(
                            DjlBench::mlp, mnist, Loss.softmaxCrossEntropyLoss(), DjlUpdates::pytorchRmsprop, 1, 128));
            report(
                    "W3",
                    repetitions,
                    () -> fit(
                            DjlBench::cnn,
                            images,
                            Loss.softmaxCrossEntropyLoss(),
                            DjlUpdates::pytorchAdadelta,
                            1,
                            128));
        }
    }

    /** Prints {@code name median min max firstLoss lastLoss accuracy} for repeated runs of a fit. */
    private static void report(String name, int repetitions, Callable<double[]> fit) throws Exception {
        double[][] last = new double[1][];
        Timing t = Timing.of(repetitions, () -> last[0] = fit.call());
        System.out.println(name + " " + t.median() + " " + t.min() + " " + t.max() + " " + last[0][0] + " " + last[0][1]
                + " " + last[0][2]);
    }

    /** Trains a fresh model; returns the loss of its first and last steps and its accuracy on the data after. */
    private static double[] fit(
            Supplier<Block> block, Data data, Loss loss, Supplier<Optimizer> optimizer, int epochs, int batch) {
        return fit(block, data, loss, optimizer, epochs, batch, true);
    }

    /** As above; without {@code accuracy}, the third figure is NaN. */
    private static double[] fit(
            Supplier<Block> block,
            Data data,
            Loss loss,
            Supplier<Optimizer> optimizer,
            int epochs,
            int batch,
            boolean accuracy) {
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(block.get());
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer.get())
                    .optInitializer(
                            new XavierInitializer(
                                    XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                            Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch).addAll(data.example()));
                Random random = new Random(42);
                long[] order = new long[(int) data.size()];
                Arrays.setAll(order, i -> i);
                double first = Double.NaN;
                double lastLoss = Double.NaN;
                for (int e = 0; e < epochs; e++) {
                    shuffle(order, random);
                    for (int i = 0; i < order.length; i += batch) {
                        try (NDManager step = data.x().getManager().newSubManager()) {
                            NDArray index =
                                    step.create(Arrays.copyOfRange(order, i, Math.min(i + batch, order.length)));
                            NDArray x = data.x().get(step, new NDIndex("{}", index));
                            NDArray y = data.y().get(step, new NDIndex("{}", index));
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray value = loss.evaluate(new NDList(y), trainer.forward(new NDList(x)));
                                collector.backward(value);
                                if (Double.isNaN(first) || i + batch >= order.length) {
                                    lastLoss = value.getFloat();
                                    first = Double.isNaN(first) ? lastLoss : first;
                                }
                            }
                            trainer.step();
                        }
                    }
                }
                return new double[] {first, lastLoss, accuracy ? accuracy(trainer, data) : Double.NaN};
            }
        }
    }

    private static double accuracy(Trainer trainer, Data data) {
        try (NDManager scope = data.x().getManager().newSubManager()) {
            NDArray x = data.x().get(scope, new NDIndex(":"));
            NDArray out = trainer.getModel()
                    .getBlock()
                    .forward(new ParameterStore(scope, false), new NDList(x), false)
                    .singletonOrThrow();
            NDArray predicted = out.getShape().get(1) == 1
                    ? out.gt(0).toType(DataType.FLOAT32, false).reshape(-1)
                    : out.argMax(1).toType(DataType.FLOAT32, false);
            return predicted.eq(data.y().reshape(-1)).sum().getLong() / (double) data.size();
        }
    }

    private static void shuffle(long[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /**
     * Binary cross-entropy on the last layer's logits (the sigmoid inside the loss): DJL 0.36's loss
     * from sigmoid outputs forgets the minus sign, and training with it makes Pima's accuracy worse.
     */
    private static Loss sigmoidLoss() {
        return Loss.sigmoidBinaryCrossEntropyLoss("bce", 1, false);
    }

    private static Optimizer adam() {
        return Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(1e-3f))
                .optEpsilon(1e-7f)
                .build();
    }

    /** Pima's 8-12-8-1 network, its output logits (the sigmoid is in the loss, and in predict for W5). */
    static Block pimaNet() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(12).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(8).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
    }

    static Block mlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(512).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(512).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(10).build());
    }

    static Block cnn() {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(32)
                        .build())
                .add(Activation::relu)
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(64)
                        .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Dropout.builder().optRate(0.25f).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(10).build());
    }

    /** Pima's first 614 rows, as bench.py takes them. */
    static Data pima(NDManager manager, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv).subList(1, 615);
        float[] x = new float[lines.size() * 8];
        float[] y = new float[lines.size()];
        for (int r = 0; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",");
            for (int c = 0; c < 8; c++) {
                x[r * 8 + c] = Float.parseFloat(cells[c]);
            }
            y[r] = Float.parseFloat(cells[8]);
        }
        return new Data(
                manager.create(x, new Shape(y.length, 8)), manager.create(y, new Shape(y.length, 1)), new Shape(8));
    }

    /** The first {@code n} MNIST training images scaled to 0..1, each of shape {@code example}, and their labels. */
    static Data mnist(NDManager manager, Path dir, int n, Shape example) throws IOException {
        byte[] pixels = Files.readAllBytes(dir.resolve("train-images-idx3-ubyte"));
        byte[] labels = Files.readAllBytes(dir.resolve("train-labels-idx1-ubyte"));
        float[] x = new float[n * 784];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[16 + i] & 0xff) / 255f;
        }
        for (int i = 0; i < n; i++) {
            y[i] = labels[8 + i];
        }
        return new Data(manager.create(x, new Shape(n).addAll(example)), manager.create(y), example);
    }

    /** W4 on DJL: {@code W4 median min max firstLoss lastLoss} for {@code steps} steps of a fresh model. */
    private static void lstm(int repetitions, int steps) throws Exception {
        float[][][] xy = LstmBench.tokens(LstmBench.BATCH * steps, 5);
        int n = xy[0].length;
        int[] tokens = new int[n * LstmBench.LENGTH];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LstmBench.LENGTH; t++) {
                tokens[i * LstmBench.LENGTH + t] = (int) xy[0][i][t];
            }
            labels[i] = xy[1][i][0];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Data data = new Data(
                    manager.create(tokens, new Shape(n, LstmBench.LENGTH)),
                    manager.create(labels, new Shape(n, 1)),
                    new Shape(LstmBench.LENGTH));
            double[][] last = new double[1][];
            Timing t = Timing.of(
                    repetitions,
                    () -> last[0] =
                            fit(DjlBench::imdbLstm, data, sigmoidLoss(), DjlBench::adam, 1, LstmBench.BATCH, false));
            System.out.println(
                    "W4 " + t.median() + " " + t.min() + " " + t.max() + " " + last[0][0] + " " + last[0][1]);
        }
    }

    /** Keras's imdb_lstm: Embedding(20000, 128) → LSTM(128), its last step → Dense(1) (the sigmoid in the loss). */
    static Block imdbLstm() {
        return new SequentialBlock()
                .add(new IdEmbedding.Builder()
                        .setDictionarySize(LstmBench.VOCABULARY)
                        .setEmbeddingSize(128)
                        .build())
                .add(LSTM.builder()
                        .setStateSize(128)
                        .setNumLayers(1)
                        .optBatchFirst(true)
                        .optReturnState(false)
                        .build())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().get(":, -1, :"))))
                .add(Linear.builder().setUnits(1).build());
    }

    /** W5: latency of one example (p50, p99) and examples/s in batches of 1,024, per model, in eval mode. */
    private static void infer(Path pimaCsv, Path mnistDir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            measure(
                    "pima",
                    new SequentialBlock().add(pimaNet()).add(Activation::sigmoid),
                    pima(manager, pimaCsv),
                    2000);
            measure("cnn", cnn(), mnist(manager, mnistDir, InferenceBench.BATCH, new Shape(1, 28, 28)), 300);
        }
    }

    private static void measure(String name, Block block, Data data, int singles) throws Exception {
        NDManager manager = data.x().getManager();
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(data.example()));
        ParameterStore parameters = new ParameterStore(manager, false);
        NDArray[] rows = new NDArray[singles];
        for (int i = 0; i < singles; i++) {
            long row = i % data.size();
            rows[i] = data.x().get(row + ":" + (row + 1));
        }
        Callable<Void> warm = () -> {
            for (int i = 0; i < InferenceBench.WARM_UP; i++) {
                block.forward(parameters, new NDList(rows[i % singles]), false).close();
            }
            return null;
        };
        warm.call();
        double[] seconds = new double[singles];
        for (int i = 0; i < singles; i++) {
            long start = System.nanoTime();
            block.forward(parameters, new NDList(rows[i]), false).close();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        int copies = (int) ((InferenceBench.BATCH + data.size() - 1) / data.size());
        NDArray[] parts = new NDArray[copies];
        Arrays.fill(parts, data.x());
        NDArray batch = NDArrays.concat(new NDList(parts)).get("0:" + InferenceBench.BATCH);
        Timing t = Timing.perCall(
                5,
                0.2,
                () -> { // loops of ~0.2 s, as on every side
                    block.forward(parameters, new NDList(batch), false).close();
                    return null;
                });
        System.out.println(name + " " + seconds[singles / 2] + " " + seconds[(int) (singles * 0.99)] + " "
                + InferenceBench.BATCH / t.median());
    }

    /** The micro table's operations (names as in {@link MicroBench}): seconds per call. */
    private static void micro() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int[] s : new int[][] {{2048, 2048, 2048}, {128, 784, 512}, {10, 8, 12}}) {
                NDArray a = manager.randomUniform(0, 1, new Shape(s[0], s[1]));
                NDArray b = manager.randomUniform(0, 1, new Shape(s[1], s[2]));
                print(
                        MicroBench.productName(s[0], s[1], s[2]),
                        MicroBench.time(s[0] == 2048, () -> closed(a.matMul(b))));
            }
            for (int[] s : new int[][] {{10, 12}, {128, 512}}) {
                NDArray x = manager.randomUniform(-0.5f, 0.5f, new Shape(s[0], s[1]));
                NDArray y = manager.randomUniform(0, 1, new Shape(s[0], s[1]));
                String shape = s[0] + "x" + s[1];
                print("add_" + shape, MicroBench.time(false, () -> closed(x.add(y))));
                print("relu_" + shape, MicroBench.time(false, () -> closed(Activation.relu(x))));
                print("sigmoid_" + shape, MicroBench.time(false, () -> closed(Activation.sigmoid(x))));
            }
        }
    }

    private static Void closed(NDArray result) {
        result.close();
        return null;
    }

    private static void print(String name, Timing t) {
        System.out.println(name + " " + t.median() + " " + t.min() + " " + t.max());
    }
}
