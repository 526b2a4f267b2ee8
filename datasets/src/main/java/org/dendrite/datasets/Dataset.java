package org.dendrite.datasets;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
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
 *
 * <p>A model with several inputs or outputs (Keras's {@code fit([x1, x2], [y1, y2])}) takes a data
 * set of several feature arrays and several label arrays, one per input and output in the model's
 * order, all with one row per example: {@link #of(List, List)}. Splitting, shuffling and batching
 * keep the arrays' rows together.
 */
public final class Dataset {

    /** One array per model input. */
    private final List<INDArray> features;
    /** One array per model output. */
    private final List<INDArray> labels;
    /** Each example's weight in the training loss, a column; null when all weigh 1. */
    private final INDArray sampleWeights;

    private Dataset(List<INDArray> features, List<INDArray> labels, INDArray sampleWeights) {
        this.features = List.copyOf(features);
        this.labels = List.copyOf(labels);
        this.sampleWeights = sampleWeights;
    }

    private Dataset(List<INDArray> features, List<INDArray> labels) {
        this(features, labels, null);
    }

    private Dataset(INDArray features, INDArray labels) {
        this(List.of(features), List.of(labels));
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
        return of(List.of(features), List.of(labels), "features", "labels");
    }

    /**
     * Wraps one feature array per model input and one label array per model output, in the
     * model's order, as Keras's {@code fit([x1, x2], [y1, y2])} takes them; each is checked as in
     * {@link #of(INDArray, INDArray)}, and all must have the same number of rows.
     */
    public static Dataset of(List<INDArray> features, List<INDArray> labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.isEmpty() || labels.isEmpty()) {
            throw new IllegalArgumentException(
                    "a data set needs at least one feature array and one label array, received " + features.size()
                            + " and " + labels.size());
        }
        return of(
                features,
                labels,
                features.size() == 1 ? "features" : "features ",
                labels.size() == 1 ? "labels" : "labels ");
    }

    /** @param featureName and {@code labelName}: how messages name the arrays, followed by their index when several */
    private static Dataset of(List<INDArray> features, List<INDArray> labels, String featureName, String labelName) {
        List<INDArray> x = new java.util.ArrayList<>();
        List<INDArray> y = new java.util.ArrayList<>();
        long rows =
                Objects.requireNonNull(features.get(0), name(featureName, 0)).size(0);
        for (int i = 0; i < features.size(); i++) {
            INDArray f = Objects.requireNonNull(features.get(i), name(featureName, i));
            if (f.rank() < 2) {
                throw new IllegalArgumentException(name(featureName, i)
                        + " need one row per example (rank 2 or more), got shape " + Arrays.toString(f.shape()));
            }
            requireRows(f, rows, name(featureName, i), name(featureName, 0));
            Finite.require(f, name(featureName, i));
            x.add(asFloat(f));
        }
        for (int i = 0; i < labels.size(); i++) {
            INDArray l = Objects.requireNonNull(labels.get(i), name(labelName, i));
            INDArray column = l.rank() == 1 ? l.reshape(l.length(), 1) : l;
            if (column.rank() != 2) {
                throw new IllegalArgumentException(name(labelName, i)
                        + " need one row per example (rank 1 or 2), got shape " + Arrays.toString(l.shape()));
            }
            requireRows(column, rows, name(labelName, i), name(featureName, 0));
            Finite.require(column, name(labelName, i));
            y.add(asFloat(column));
        }
        if (rows == 0) {
            throw new IllegalArgumentException("a data set needs at least one example, got 0 rows");
        }
        return new Dataset(x, y);
    }

    /** {@code "features"}, or {@code "features 1"} when a data set has several. */
    private static String name(String name, int index) {
        return name.endsWith(" ") ? name + index : name;
    }

    private static void requireRows(INDArray array, long rows, String name, String first) {
        if (array.size(0) != rows) {
            throw new IllegalArgumentException(first + " have " + rows + " rows but " + name + " have " + array.size(0)
                    + " rows; each example needs one of each");
        }
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
        return (int) features.get(0).size(0);
    }

    /** The features, shape {@code [size, ...]}. Treat as read-only: the array is shared. */
    public INDArray features() {
        return single(features, "features", "featureArrays()");
    }

    /** The labels, shape {@code [size, width]}. Treat as read-only: the array is shared. */
    public INDArray labels() {
        return single(labels, "labels", "labelArrays()");
    }

    /**
     * The same examples, each weighing {@code weights[i]} in the training loss (Keras's
     * {@code fit(x, y, sample_weight=w)}): an example's loss is scaled by its weight, 0 leaves it
     * out. One weight per example, a vector or a column, each 0 or more and finite.
     */
    public Dataset withSampleWeights(INDArray weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length() != size() || (weights.rank() == 2 && weights.size(1) != 1) || weights.rank() > 2) {
            throw new IllegalArgumentException("sample weights need one number per example: " + size()
                    + " examples, received an array of shape " + Arrays.toString(weights.shape()));
        }
        INDArray column = asFloat(weights.reshape(size(), 1));
        Finite.require(column, "sample weights");
        if (column.minNumber().doubleValue() < 0) {
            throw new IllegalArgumentException("sample weights must be 0 or more, but they go down to "
                    + column.minNumber().doubleValue());
        }
        return new Dataset(features, labels, column);
    }

    /** Each example's weight in the training loss, a column, if the data set has them (see {@link #withSampleWeights}). */
    public Optional<INDArray> sampleWeights() {
        return Optional.ofNullable(sampleWeights);
    }

    /** The feature arrays, one per model input (one for a single-input model). Treat as read-only. */
    public List<INDArray> featureArrays() {
        return features;
    }

    /** The label arrays, one per model output (one for a single-output model). Treat as read-only. */
    public List<INDArray> labelArrays() {
        return labels;
    }

    private static INDArray single(List<INDArray> arrays, String what, String all) {
        if (arrays.size() != 1) {
            throw new IllegalStateException("this data set has " + arrays.size() + " " + what
                    + " arrays (one per model input or output): use " + all);
        }
        return arrays.get(0);
    }

    /**
     * The shape of one example's features in Keras's layout: {@code [8]} for Pima, {@code [28, 28, 1]}
     * (height, width, channels) for MNIST images, {@code [timesteps, features]} for sequences.
     */
    public long[] featureShape() {
        return exampleShape(features());
    }

    /** The shape of one example of {@code features}: the shape without the example axis. */
    public static long[] exampleShape(INDArray features) {
        return Arrays.copyOfRange(features.shape(), 1, features.rank());
    }

    /** Number of label columns: 1 for a 0/1 or class-index label, the class count for one-hot rows. */
    public int labelWidth() {
        return (int) labels().size(1);
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
        return new Dataset(
                features.stream().map(f -> Rows.range(f, from, to)).toList(),
                labels.stream().map(l -> Rows.range(l, from, to)).toList(),
                sampleWeights == null ? null : Rows.range(sampleWeights, from, to));
    }

    /** The examples at the given indices, in that order. */
    public Dataset select(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("index " + i + " in a data set of " + size() + " examples");
            }
        }
        return new Dataset(
                features.stream().map(f -> Rows.pick(f, indices)).toList(),
                labels.stream().map(l -> Rows.pick(l, indices)).toList(),
                sampleWeights == null ? null : Rows.pick(sampleWeights, indices));
    }

    /**
     * Flat square grey images for convolutional layers: MNIST's 784 pixels become 28×28×1 images
     * ({@link #featureShape()} {@code [28, 28, 1]}).
     *
     * @throws IllegalStateException when the features are not rows of a square pixel count
     */
    public Dataset asImages() {
        INDArray features = features();
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
        INDArray features = features();
        if (features.rank() != 2 || features.size(1) != pixels) {
            throw new IllegalArgumentException("images of " + height + "×" + width + "×" + channels + " need rows of "
                    + pixels + " numbers, but the features have shape " + Arrays.toString(features.shape()));
        }
        return new Dataset(List.of(features.reshape('c', size(), height, width, channels)), labels, sampleWeights);
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
        return new DataSet(toDl4j(features()), labels());
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
        if (features.size() > 1 || labels.size() > 1) {
            return "Dataset[" + size() + " × "
                    + features.stream().map(f -> shape(exampleShape(f))).collect(Collectors.joining(", ", "(", ")"))
                    + " → "
                    + labels.stream().map(l -> Long.toString(l.size(1))).collect(Collectors.joining(", ", "(", ")"))
                    + "]";
        }
        return "Dataset[" + size() + " × " + shape(featureShape()) + " → " + labelWidth() + "; "
                + LabelSummary.describe(labels()) + "]";
    }

    /** E.g. {@code 28×28×1}. */
    private static String shape(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining("×"));
    }

    /** A training part and a test part, as returned by {@link #split}. */
    public record Split(Dataset train, Dataset test) {
        @Override
        public String toString() {
            return "Split[train " + train + ", test " + test + "]";
        }
    }
}
