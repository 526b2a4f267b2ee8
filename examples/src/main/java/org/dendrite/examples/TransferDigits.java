package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.dendrite.Model;
import org.dendrite.Summary;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Mnist;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Transfer learning on MNIST, as Keras's "transfer learning and fine-tuning" guide and the old
 * {@code mnist_transfer_cnn} example do it: a small CNN learns digits 0–4; its convolutions are
 * frozen and reused, up to {@code flatten}, as the feature extractor of a new head that learns
 * digits 5–9, which the convolutions never saw. Only the head trains: the frozen weights come out
 * of its fit bit for bit as they went in.
 *
 * <p>Keras:
 * <pre>{@code
 * cnn = keras.Sequential([keras.Input((28, 28, 1)),
 *     layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2),
 *     layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
 *     layers.Flatten(), layers.Dense(5, activation="softmax")])
 * cnn.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
 * cnn.fit(x_low, to_categorical(y_low), epochs=2)      # digits 0-4
 * for layer in cnn.layers[:5]: layer.trainable = False  # up to and including flatten
 * base = keras.Model(cnn.input, cnn.get_layer("flatten").output)
 * image = keras.Input((28, 28, 1))
 * x = layers.Dense(64, activation="relu")(base(image))
 * out = layers.Dense(5, activation="softmax")(x)
 * head = keras.Model(image, out)
 * head.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
 * head.fit(x_high, to_categorical(y_high - 5), epochs=2)  # digits 5-9, labels shifted to 0-4
 * }</pre>
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.TransferDigits}.
 * Arguments: {@code --train N} (training images per phase, default 6,000), {@code --epochs N} (default 2).
 */
public final class TransferDigits {

    static final int TRAIN = 6_000;
    static final int EPOCHS = 2;

    /**
     * @param cnn            the CNN trained on digits 0–4, its layers up to flatten frozen
     * @param head           the new model: the CNN's frozen layers up to flatten, then a new head
     * @param cnnAccuracy    the CNN's accuracy on the test images of digits 0–4
     * @param headAccuracy   the new model's accuracy on the test images of digits 5–9
     * @param frozenKept     whether every frozen weight was bit for bit the same after the head's fit
     * @param frozenArrays   how many weight arrays were compared (kernel and bias of both convolutions)
     * @param cnnSeconds     the time the CNN took to train
     * @param headSeconds    the time the head took to train
     */
    record Result(
            Model cnn,
            Model head,
            double cnnAccuracy,
            double headAccuracy,
            boolean frozenKept,
            int frozenArrays,
            double cnnSeconds,
            double headSeconds) {}

    /** The feature learner: two small conv + max-pool stages, flattened to 5·5·32 = 800 features, and a softmax over 5 digits. */
    static Model cnn() {
        return MnistCnn.compact(5); // conv 16 → pool → conv 32 → pool → flatten → 5 softmax
    }

    /** The new model: {@code cnn}'s layers up to flatten (frozen, if frozen there), with their weights, then a new head. */
    static Model head(Model cnn) {
        var image = Input(28, 28, 1); // image = keras.Input((28, 28, 1))
        var features = cnn.apply(image, "flatten"); // Model(cnn.input, cnn.get_layer("flatten").output)(image)
        var out = features.dense(64, RELU).dense(5, SOFTMAX);
        return Model(image, out).compile(adam, crossEntropy, accuracy);
    }

    /**
     * The examples of {@code data} whose digit is {@code first} to {@code first + 4}, at most
     * {@code limit} of them in their order, labelled 0–4 (one-hot columns {@code first..first+4}):
     * Keras's {@code x[(y >= first) & (y < first + 5)]} and {@code y - first}.
     */
    static Dataset digits(Dataset data, int first, int limit) {
        long[] digit = data.labels().argMax(1).toLongVector(); // the one-hot labels as digits 0..9
        int[] rows = IntStream.range(0, data.size())
                .filter(i -> digit[i] >= first && digit[i] < first + 5)
                .limit(limit)
                .toArray();
        Dataset picked = data.select(rows);
        INDArray shifted = picked.labels()
                .get(NDArrayIndex.all(), NDArrayIndex.interval(first, first + 5))
                .dup();
        return Dataset.of(picked.features(), shifted);
    }

    /** Whether two weight arrays hold the same shape and bit for bit the same numbers (no tolerance). */
    static boolean sameBits(INDArray a, INDArray b) {
        return Arrays.equals(a.shape(), b.shape())
                && Arrays.equals(a.ravel().toFloatVector(), b.ravel().toFloatVector());
    }

    static Result run(Mnist mnist, int train, int epochs, int verbose) {
        Dataset low = digits(mnist.train(), 0, train).asImages();
        Dataset high = digits(mnist.train(), 5, train).asImages();
        Dataset lowTest = digits(mnist.test(), 0, Integer.MAX_VALUE).asImages();
        Dataset highTest = digits(mnist.test(), 5, Integer.MAX_VALUE).asImages();

        // 1. The CNN learns digits 0-4.
        long start = System.nanoTime();
        Model cnn = cnn();
        cnn.fit(low, epochs(epochs).verbose(verbose));
        double cnnSeconds = (System.nanoTime() - start) / 1e9;
        double cnnAccuracy = cnn.evaluate(lowTest).accuracy();

        // 2. Its convolutions, frozen, become the feature extractor of a head that learns digits 5-9.
        cnn.freezeUpTo("flatten"); // layer.trainable = False for conv2d ... flatten
        Model head = head(cnn);
        // The extractor's weights come first: conv2d kernel and bias, conv2d_1 kernel and bias.
        int frozenArrays = 4;
        List<INDArray> before = head.getWeights().subList(0, frozenArrays).stream()
                .map(INDArray::dup)
                .toList();
        start = System.nanoTime();
        head.fit(high, epochs(epochs).verbose(verbose));
        double headSeconds = (System.nanoTime() - start) / 1e9;
        double headAccuracy = head.evaluate(highTest).accuracy();

        List<INDArray> after = head.getWeights();
        List<INDArray> trained = cnn.getWeights();
        boolean kept = IntStream.range(0, frozenArrays)
                .allMatch(i -> sameBits(before.get(i), after.get(i)) && sameBits(trained.get(i), after.get(i)));
        return new Result(cnn, head, cnnAccuracy, headAccuracy, kept, frozenArrays, cnnSeconds, headSeconds);
    }

    public static void main(String[] args) {
        Args options = Args.parse(args);
        int train = options.intValue("train", TRAIN);
        int epochs = options.intValue("epochs", EPOCHS);
        Result result = run(Datasets.mnist(), train, epochs, 0);
        result.cnn().summary();
        System.out.printf(
                "CNN on digits 0-4:  test accuracy %.2f%% (%d images, %d epochs, %.1f s)%n",
                100 * result.cnnAccuracy(), train, epochs, result.cnnSeconds());
        result.head().summary();
        System.out.printf(
                "head on digits 5-9: test accuracy %.2f%% (%d images, %d epochs, %.1f s)%n",
                100 * result.headAccuracy(), train, epochs, result.headSeconds());
        Summary summary = result.head().summaryTable();
        System.out.printf(
                "trainable %,d (the head), non-trainable %,d (the CNN's convolutions)%n",
                summary.trainableParams(), summary.nonTrainableParams());
        System.out.println(
                result.frozenKept()
                        ? "the " + result.frozenArrays()
                                + " frozen weight arrays are bit for bit the CNN's after the head's fit"
                        : "the frozen weights CHANGED during the head's fit");
    }
}
