package org.dendrite.datasets;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.AbstractDataSetNormalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feature scaling learnt from training data, on DL4J's own normalisers: {@link #standardize()}
 * (each feature to mean 0, standard deviation 1) or {@link #minMax()} (each feature to [0, 1]).
 * <pre>{@code
 * var scaler = Normalizer.standardize().fit(parts.train());     // statistics of the training part only
 * Dataset a = scaler.apply(parts.train()), b = scaler.apply(parts.test());
 * }</pre>
 * A value: {@code fit} returns a fitted copy, {@code apply} new arrays. It is serialisable
 * (its statistics as plain numbers), so a saved model can keep it.
 */
public final class Normalizer implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private enum Kind {
        STANDARDIZE,
        MIN_MAX
    }

    private final Kind kind;
    private final float[] first;
    private final float[] second;
    private final long[] statsShape;
    private final int fittedOn;
    private transient AbstractDataSetNormalizer<?> dl4j;

    private Normalizer(Kind kind, float[] first, float[] second, long[] statsShape, int fittedOn) {
        this.kind = kind;
        this.first = first;
        this.second = second;
        this.statsShape = statsShape;
        this.fittedOn = fittedOn;
    }

    /** Scales each feature to mean 0 and standard deviation 1 (DL4J's {@code NormalizerStandardize}). */
    public static Normalizer standardize() {
        return new Normalizer(Kind.STANDARDIZE, null, null, null, 0);
    }

    /** Scales each feature to [0, 1] by its minimum and maximum (DL4J's {@code NormalizerMinMaxScaler}). */
    public static Normalizer minMax() {
        return new Normalizer(Kind.MIN_MAX, null, null, null, 0);
    }

    /** A copy fitted to {@code data}'s features; fit on the training part only, then apply to every part. */
    public Normalizer fit(Dataset data) {
        AbstractDataSetNormalizer<?> normalizer =
                kind == Kind.STANDARDIZE ? new NormalizerStandardize() : new NormalizerMinMaxScaler(0, 1);
        normalizer.fit(data.toDataSet());
        INDArray a = normalizer instanceof NormalizerStandardize s
                ? s.getMean()
                : ((NormalizerMinMaxScaler) normalizer).getMin();
        INDArray b = normalizer instanceof NormalizerStandardize s
                ? s.getStd()
                : ((NormalizerMinMaxScaler) normalizer).getMax();
        return new Normalizer(kind, a.toFloatVector(), b.toFloatVector(), a.shape(), data.size());
    }

    /**
     * A fitted normaliser's numbers, as a saved model keeps them.
     *
     * @param kind     {@code "standardize"} or {@code "min_max"}
     * @param first    per feature: the mean (standardize) or the minimum (min_max)
     * @param second   per feature: the standard deviation or the maximum
     * @param shape    the statistics' shape (the shape of one example's features)
     * @param fittedOn how many examples they were computed from
     */
    public record Statistics(String kind, float[] first, float[] second, long[] shape, int fittedOn)
            implements Serializable {

        public Statistics {
            if (!kind.equals("standardize") && !kind.equals("min_max")) {
                throw new IllegalArgumentException(
                        "normalizer kind must be standardize or min_max, received kind=" + kind);
            }
            long size = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            if (first.length != size || second.length != size) {
                throw new IllegalArgumentException("normalizer statistics of shape " + Arrays.toString(shape) + " need "
                        + size + " values each, received " + first.length + " and " + second.length);
            }
        }
    }

    /** The fitted statistics, or empty before {@link #fit}. */
    public Optional<Statistics> statistics() {
        return isFitted()
                ? Optional.of(new Statistics(
                        kind == Kind.STANDARDIZE ? "standardize" : "min_max",
                        first.clone(),
                        second.clone(),
                        statsShape.clone(),
                        fittedOn))
                : Optional.empty();
    }

    /** The fitted normaliser with these statistics (what {@link #statistics()} gave). */
    public static Normalizer of(Statistics statistics) {
        return new Normalizer(
                statistics.kind().equals("standardize") ? Kind.STANDARDIZE : Kind.MIN_MAX,
                statistics.first().clone(),
                statistics.second().clone(),
                statistics.shape().clone(),
                statistics.fittedOn());
    }

    /** Whether {@link #fit} has given it statistics. */
    public boolean isFitted() {
        return first != null;
    }

    /** {@code data} with scaled features (labels unchanged). */
    public Dataset apply(Dataset data) {
        return Dataset.of(apply(data.features()), data.labels());
    }

    /** Scaled copies of {@code features}. */
    public INDArray apply(INDArray features) {
        if (!isFitted()) {
            throw new IllegalStateException(
                    "this " + name() + " normalizer has not been fitted: call fit(trainingData) first");
        }
        long width = Arrays.stream(statsShape).reduce(1, (x, y) -> x * y);
        if (features.rank() == 2 && features.size(1) != width) {
            throw new IllegalArgumentException(
                    "the normalizer was fitted on " + width + " features, but the data has " + features.size(1));
        }
        INDArray copy = Dataset.toDl4j(features).dup(); // DL4J's normalisers take images channels first
        normalizer().transform(copy);
        return Dataset.fromDl4j(copy);
    }

    private synchronized AbstractDataSetNormalizer<?> normalizer() {
        if (dl4j == null) {
            INDArray a = Nd4j.create(first, statsShape);
            INDArray b = Nd4j.create(second, statsShape);
            if (kind == Kind.STANDARDIZE) {
                dl4j = new NormalizerStandardize(a, b);
            } else {
                var minMax = new NormalizerMinMaxScaler(0, 1);
                minMax.setFeatureStats(a, b);
                dl4j = minMax;
            }
        }
        return dl4j;
    }

    private String name() {
        return kind == Kind.STANDARDIZE ? "standardize" : "minMax";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalizer n
                && n.kind == kind
                && n.fittedOn == fittedOn
                && Arrays.equals(n.first, first)
                && Arrays.equals(n.second, second)
                && Arrays.equals(n.statsShape, statsShape);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(first);
    }

    /** E.g. {@code Normalizer[standardize, fitted on 614 examples, 8 features]}. */
    @Override
    public String toString() {
        return "Normalizer[" + name()
                + (isFitted() ? ", fitted on " + fittedOn + " examples, " + first.length + " features" : ", not fitted")
                + "]";
    }
}
