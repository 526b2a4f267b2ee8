package org.dendrite.datasets;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An in-memory labelled data set: one row of features and one row of labels per example.
 *
 * <p>A value: every operation returns a new {@code Dataset} and none writes into the arrays it
 * holds. Features may have any rank (a row of 8 numbers, a sequence of timesteps × features, a
 * 28×28×1 image); labels are a column of 0/1 values, one-hot rows, integer class indices or
 * real-valued targets. Arrays are held as 32-bit floats, the data type DL4J networks train in.
 *
 * <p>Images are in Keras's layout, {@code [examples, height, width, channels]}, in every array
 * Dendrite takes or gives; DL4J computes on {@code [examples, channels, height, width]}, and
 * {@link #toDataSet()} and {@link #of(DataSet)} translate at that boundary ({@link #toDl4j},
 * {@link #fromDl4j}).
 */
public final class Dataset {

    private final INDArray features;
    private final INDArray labels;

    private Dataset(INDArray features, INDArray labels) {
        this.features = features;
        this.labels = labels;
    }

    /**
     * Wraps arrays as a data set. A rank-1 label vector is taken as a column (one label per
     * example), as Keras accepts {@code y} of shape {@code (n,)}.
     *
     * @throws IllegalArgumentException when the row counts differ, an array has no example
     *     axis, or a value is NaN or infinite (the message gives row and column)
     */
    public static Dataset of(INDArray features, INDArray labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.rank() < 2) {
            throw new IllegalArgumentException("features need one row per example (rank 2 or more), got shape "
                    + Arrays.toString(features.shape()));
        }
        INDArray y = labels.rank() == 1 ? labels.reshape(labels.length(), 1) : labels;
        if (y.rank() != 2) {
            throw new IllegalArgumentException(
                    "labels need one row per example (rank 1 or 2), got shape " + Arrays.toString(labels.shape()));
        }
        if (features.size(0) != y.size(0)) {
            throw new IllegalArgumentException("features have " + features.size(0) + " rows but labels have "
                    + y.size(0) + " rows; each example needs one of each");
        }
        if (features.size(0) == 0) {
            throw new IllegalArgumentException("a data set needs at least one example, got 0 rows");
        }
        Finite.require(features, "features");
        Finite.require(y, "labels");
        return new Dataset(asFloat(features), asFloat(y));
    }

    /** Wraps a DL4J {@link DataSet} (images in DL4J's channels-first layout); its arrays are checked as in {@link #of}. */
    public static Dataset of(DataSet dataSet) {
        return of(fromDl4j(dataSet.getFeatures()), dataSet.getLabels());
    }

    /** Images {@code [n, h, w, c]} (Keras's layout) as DL4J computes on them, {@code [n, c, h, w]}; other arrays as they are. */
    public static INDArray toDl4j(INDArray features) {
        return features.rank() == 4 ? features.permute(0, 3, 1, 2).dup('c') : features;
    }

    /** Images {@code [n, c, h, w]} (DL4J's layout) in Keras's, {@code [n, h, w, c]}; other arrays as they are. */
    public static INDArray fromDl4j(INDArray features) {
        return features.rank() == 4 ? features.permute(0, 2, 3, 1).dup('c') : features;
    }

    private static INDArray asFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }

    /** Number of examples. */
    public int size() {
        return (int) features.size(0);
    }

    /** The features, shape {@code [size, ...]}. Treat as read-only: the array is shared. */
    public INDArray features() {
        return features;
    }

    /** The labels, shape {@code [size, width]}. Treat as read-only: the array is shared. */
    public INDArray labels() {
        return labels;
    }

    /**
     * The shape of one example's features in Keras's layout: {@code [8]} for Pima, {@code [28, 28, 1]}
     * (height, width, channels) for MNIST images, {@code [timesteps, features]} for sequences.
     */
    public long[] featureShape() {
        return exampleShape(features);
    }

    /** The shape of one example of {@code features}: the shape without the example axis. */
    public static long[] exampleShape(INDArray features) {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }

    /** Number of label columns: 1 for a 0/1 or class-index label, the class count for one-hot rows. */
    public int labelWidth() {
        return (int) labels.size(1);
    }

    /**
     * Shuffles with the given seed, then cuts into a training part of {@code floor(size × trainFraction)}
     * examples and a test part of the rest.
     */
    public Split split(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException(
                    "trainFraction must lie strictly between 0 and 1, received trainFraction=" + trainFraction);
        }
        int train = (int) Math.floor(size() * trainFraction);
        if (train == 0 || train == size()) {
            throw new IllegalArgumentException("splitting " + size() + " examples at " + trainFraction + " leaves "
                    + (train == 0 ? "the training" : "the test") + " part empty");
        }
        Dataset shuffled = shuffle(seed);
        return new Split(shuffled.rows(0, train), shuffled.rows(train, size()));
    }

    /** The examples in an order drawn from {@code seed} (the same seed gives the same order). */
    public Dataset shuffle(long seed) {
        return select(order(seed));
    }

    /** Consecutive batches of {@code size} examples (the last may be smaller), each a copy. */
    public Iterator<Dataset> batches(int size) {
        return cut(size, this::rows);
    }

    /**
     * The batches of {@code shuffle(seed).batches(size)}, each gathered from this data set on its
     * own: no shuffled copy of the whole set is made. (ND4J frees an array's memory only when the
     * garbage collector finds it unreachable; a full shuffled copy per epoch outlives the young
     * collections and stayed resident until a full one: 0.18 GB more after each MNIST fit.)
     */
    public Iterator<Dataset> shuffledBatches(int size, long seed) {
        int[] order = order(seed);
        return cut(size, (from, to) -> select(Arrays.copyOfRange(order, from, to)));
    }

    /** The order {@link #shuffle} puts the examples in for {@code seed}. */
    int[] order(long seed) {
        return permutation(size(), new Random(seed));
    }

    /** Batches of {@code size} from {@code slice(from, to)} over positions {@code 0..size()}. */
    private Iterator<Dataset> cut(int size, BiFunction<Integer, Integer, Dataset> slice) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be positive, received size=" + size);
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Dataset next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + size() + " examples are used up");
                }
                int end = Math.min(next + size, size());
                Dataset batch = slice.apply(next, end);
                next = end;
                return batch;
            }
        };
    }

    /** The first {@code n} examples (all of them when {@code n ≥ size()}). */
    public Dataset take(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("take(n) needs n > 0, received n=" + n);
        }
        return rows(0, Math.min(n, size()));
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public Dataset rows(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IndexOutOfBoundsException(
                    "rows(" + from + ", " + to + ") of a data set of " + size() + " examples");
        }
        return new Dataset(Rows.range(features, from, to), Rows.range(labels, from, to));
    }

    /** The examples at the given indices, in that order. */
    public Dataset select(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("index " + i + " in a data set of " + size() + " examples");
            }
        }
        return new Dataset(Rows.pick(features, indices), Rows.pick(labels, indices));
    }

    /**
     * Flat square grey images for convolutional layers: MNIST's 784 pixels become 28×28×1 images
     * ({@link #featureShape()} {@code [28, 28, 1]}).
     *
     * @throws IllegalStateException when the features are not rows of a square pixel count
     */
    public Dataset asImages() {
        long width = features.rank() == 2 ? features.size(1) : -1;
        long side = Math.round(Math.sqrt(width));
        if (width < 1 || side * side != width) {
            throw new IllegalStateException(
                    "asImages() needs rows of a square number of pixels, but the features have shape "
                            + Arrays.toString(features.shape()) + "; call asImages(height, width, channels)");
        }
        return asImages(side, side, 1);
    }

    /**
     * Flat rows as images of height × width × channels, read the way NumPy's
     * {@code x.reshape(n, height, width, channels)} reads them for Keras: pixel by pixel, a pixel's
     * channels together (RGB RGB ...). {@link #featureShape()} then reports {@code [height, width,
     * channels]}.
     */
    public Dataset asImages(long height, long width, long channels) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("asImages needs positive sizes, received height=" + height + ", width="
                    + width + ", channels=" + channels);
        }
        long pixels = height * width * channels;
        if (features.rank() != 2 || features.size(1) != pixels) {
            throw new IllegalArgumentException("images of " + height + "×" + width + "×" + channels + " need rows of "
                    + pixels + " numbers, but the features have shape " + Arrays.toString(features.shape()));
        }
        return new Dataset(features.reshape('c', size(), height, width, channels), labels);
    }

    /**
     * Shuffled mini-batches as a DL4J iterator, a new seeded order each epoch, prepared on a
     * background thread while the network trains on the previous one.
     */
    public DataSetIterator iterator(int batchSize, long seed) {
        return new AsyncDataSetIterator(new ShuffledIterator(this, batchSize, seed), 4, false);
    }

    /** The same examples as a DL4J {@link DataSet}: images channels first, other arrays shared. */
    public DataSet toDataSet() {
        return new DataSet(toDl4j(features), labels);
    }

    /** A random permutation of {@code 0..n-1} (Fisher–Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** E.g. {@code Dataset[768 × 8 → 1; labels 0: 500 (65.1%), 1: 268 (34.9%)]}. */
    @Override
    public String toString() {
        String shape = Arrays.stream(featureShape())
                .mapToObj(Long::toString)
                .reduce((a, b) -> a + "×" + b)
                .orElse("");
        return "Dataset[" + size() + " × " + shape + " → " + labelWidth() + "; " + LabelSummary.describe(labels) + "]";
    }

    /** A training part and a test part, as returned by {@link #split}. */
    public record Split(Dataset train, Dataset test) {
        @Override
        public String toString() {
            return "Split[train " + train + ", test " + test + "]";
        }
    }
}
