package org.dendrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dendrite.constraints.Constraint;
import org.dendrite.datasets.Normalizer;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Weighted;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.regularizers.Regularizer;

/**
 * A stack of layers, each feeding the next: Keras's {@code Sequential} model before
 * {@code compile}.
 *
 * <p>An immutable value. Every call returns a new {@code Sequential}, so a shared prefix can be
 * extended in two directions without the two models affecting each other:
 * <pre>{@code
 * var base = Sequential().dense(64, RELU);
 * var binary = base.dense(1, SIGMOID);       // base is unchanged
 * var tenWay = base.dense(10, SOFTMAX);
 * }</pre>
 */
public final class Sequential extends Layering<Sequential> {

    /** The seed used when none is given: runs reproduce unless asked otherwise. */
    public static final long DEFAULT_SEED = 42;

    private final List<Layer> layers;
    private final long[] inputShape;
    private final long seed;
    private final Regularizer regularizer;
    private final Normalizer normalizer;
    /** The layers whose weights training leaves as they are (Keras's trainable = False). */
    private final SortedSet<Integer> frozen;
    /** What this Sequential is as a layer of a functional model, once applied (its uses share it). */
    private Block block;

    private Sequential(
            List<Layer> layers,
            long[] inputShape,
            long seed,
            Regularizer regularizer,
            Normalizer normalizer,
            Set<Integer> frozen) {
        this.layers = List.copyOf(layers);
        this.inputShape = inputShape;
        this.seed = seed;
        this.regularizer = regularizer;
        this.normalizer = normalizer;
        this.frozen = Collections.unmodifiableSortedSet(new TreeSet<>(frozen));
    }

    /** An empty model; {@code Dendrite.Sequential()} is the usual way in. */
    public static Sequential empty() {
        return new Sequential(List.of(), null, DEFAULT_SEED, null, null, Set.of());
    }

    /**
     * Declares the shape of one input example the Keras way: {@code input(8)} for 8 features (or
     * 8 tokens before an {@code embedding}), {@code input(20, 3)} for 20 timesteps of 3 features,
     * {@code input(28, 28, 1)} for height × width × channels images. Optional: without it the
     * shape is taken from the data at the first {@code fit}.
     */
    public Sequential input(long... shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length == 0 || shape.length > 3 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException(
                    "input shape needs 1 (features), 2 (timesteps, features) or 3 (height, width, channels) positive sizes, received "
                            + Arrays.toString(shape));
        }
        return new Sequential(layers, shape.clone(), seed, regularizer, normalizer, frozen);
    }

    /** The seed for weight initialisation, dropout masks and epoch shuffling (default {@value #DEFAULT_SEED}). */
    public Sequential seed(long seed) {
        return new Sequential(layers, inputShape, seed, regularizer, normalizer, frozen);
    }

    /** A model-wide default: this penalty on the kernel of every layer that has no regulariser of its own. */
    public Sequential regularizer(Regularizer regularizer) {
        return new Sequential(
                layers, inputShape, seed, Objects.requireNonNull(regularizer, "regularizer"), normalizer, frozen);
    }

    /**
     * Makes the model scale its inputs with a fitted {@link Normalizer} (like a Keras
     * {@code Normalization} layer): {@code fit}, {@code evaluate} and {@code predict} then take
     * raw data, and a saved model keeps the scaling.
     */
    public Sequential normalize(Normalizer fitted) {
        Objects.requireNonNull(fitted, "normalizer");
        if (!fitted.isFitted()) {
            throw new IllegalArgumentException(
                    "normalize(...) needs a fitted normalizer, e.g. Normalizer.standardize().fit(train), got "
                            + fitted);
        }
        return new Sequential(layers, inputShape, seed, regularizer, fitted, frozen);
    }

    /** Appends any layer. */
    @Override
    public Sequential add(Layer layer) {
        List<Layer> more = new ArrayList<>(layers);
        more.add(Objects.requireNonNull(layer, "layer"));
        return new Sequential(more, inputShape, seed, regularizer, normalizer, frozen);
    }

    /** Limits the L2 norm of each unit's incoming weights in the previous layer to {@code c}. */
    public Sequential maxNorm(double c) {
        return constrainLast(Constraint.maxNorm(c));
    }

    /** Keeps the previous layer's weights non-negative. */
    public Sequential nonNeg() {
        return constrainLast(Constraint.nonNeg());
    }

    /** Keeps each unit's incoming weights in the previous layer at an L2 norm of 1. */
    public Sequential unitNorm() {
        return constrainLast(Constraint.unitNorm());
    }

    @Override
    String position() {
        return "layer " + layers.size();
    }

    private Sequential constrainLast(Constraint constraint) {
        int last = layers.size() - 1;
        if (last < 0 || !(layers.get(last) instanceof Weighted weighted)) {
            throw new IllegalArgumentException(constraint + " constrains the layer before it, but "
                    + (last < 0 ? "there is none" : "layer " + last + " (" + layers.get(last) + ") has no weights"));
        }
        List<Layer> changed = new ArrayList<>(layers);
        changed.set(last, weighted.withOptions(weighted.options().withConstraint(constraint)));
        return new Sequential(changed, inputShape, seed, regularizer, normalizer, frozen);
    }

    /** The layers as they are compiled: with the model-wide regulariser filled in where a layer has none. */
    public List<Layer> compiledLayers() {
        return layers.stream()
                .map(l -> l instanceof Weighted w && regularizer != null
                        ? w.withOptions(w.options().withDefaultRegularizer(regularizer))
                        : l)
                .toList();
    }

    /**
     * Fixes how the model learns and returns a trainable {@link Model}. The DL4J network is built
     * now if the input shape is known, else at the first {@code fit}.
     *
     * @param metrics reported per epoch besides the loss, e.g. {@code accuracy}
     * @throws IllegalArgumentException if the model is empty, does not end in a layer that can
     *     produce outputs, or its output cannot work with the loss (softmax over one unit, ...)
     */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        Objects.requireNonNull(metrics, "metrics");
        for (int i = 0; i < metrics.length; i++) {
            Objects.requireNonNull(metrics[i], "metric " + i);
        }
        return new Model(this, optimizer, loss, List.of(metrics));
    }

    /**
     * These layers applied to a node of a functional model, as a layer of their own (Keras's
     * {@code block(x)} on a model): the result is the node after the last layer. The same
     * {@code Sequential} object applied to several nodes shares its weights, as a Keras model called
     * twice does (a Siamese pair: {@code var twin = Sequential().dense(64, RELU); twin.apply(left);
     * twin.apply(right)}); its seed and frozen layers are the outer model's concern.
     *
     * @throws IllegalArgumentException when a layer cannot take the node's shape, or the block declares another input shape
     */
    public Node apply(Node input) {
        Objects.requireNonNull(input, "input");
        return Node.block(block(input.shape()), input);
    }

    /** The block this Sequential is as a layer, made at its first application (on that input shape). */
    private synchronized Block block(long[] inputShape) {
        if (block == null) {
            block = Block.of(this, inputShape, null);
        }
        return block;
    }

    /** The same model with layers 0 to {@code last} only (and those of them that are frozen). */
    Sequential upTo(int last) {
        Set<Integer> kept = new TreeSet<>(frozen.headSet(last + 1));
        return new Sequential(layers.subList(0, last + 1), inputShape, seed, regularizer, normalizer, kept);
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The declared input shape, if any. */
    public Optional<long[]> inputShape() {
        return Optional.ofNullable(inputShape).map(long[]::clone);
    }

    /** The model-wide kernel regulariser set by {@link #regularizer(Regularizer)}, if any. */
    public Optional<Regularizer> regularizer() {
        return Optional.ofNullable(regularizer);
    }

    /**
     * The same model with these layers' weights frozen: training leaves them exactly as they are
     * (Keras's {@code layer.trainable = False}), while gradients still flow through them to the layers
     * before. Indices count from 0, as {@code summary()} lists the layers.
     *
     * @throws IllegalArgumentException for an index that names no layer
     */
    public Sequential freeze(int... layerIndices) {
        Set<Integer> more = new TreeSet<>(frozen);
        for (int index : Objects.requireNonNull(layerIndices, "layerIndices")) {
            if (index < 0 || index >= layers.size()) {
                throw new IllegalArgumentException(
                        "freeze: the model has layers 0.." + (layers.size() - 1) + ", received layer index " + index);
            }
            more.add(index);
        }
        return new Sequential(layers, inputShape, seed, regularizer, normalizer, more);
    }

    /** The same model with every layer trainable. */
    public Sequential unfreeze() {
        return new Sequential(layers, inputShape, seed, regularizer, normalizer, Set.of());
    }

    /** The indices of the frozen layers, in order (empty if none is). */
    public SortedSet<Integer> frozen() {
        return frozen;
    }

    /** The input scaling set by {@link #normalize}, if any. */
    public Optional<Normalizer> normalizer() {
        return Optional.ofNullable(normalizer);
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** E.g. {@code Sequential[input 8 → Dense(12, relu, he_normal) → Dense(1, sigmoid)]}. */
    @Override
    public String toString() {
        String input = inputShape == null
                ? ""
                : "input " + Arrays.stream(inputShape).mapToObj(Long::toString).collect(Collectors.joining("×"))
                        + (layers.isEmpty() ? "" : " → ");
        return "Sequential[" + input + (normalizer == null ? "" : normalizer + " → ")
                + layers.stream().map(Layer::toString).collect(Collectors.joining(" → "))
                + (regularizer == null ? "" : "; regularizer " + regularizer)
                + (frozen.isEmpty() ? "" : "; frozen " + frozen)
                + (seed == DEFAULT_SEED ? "" : "; seed " + seed) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequential s
                && s.layers.equals(layers)
                && Arrays.equals(s.inputShape, inputShape)
                && s.seed == seed
                && Objects.equals(s.regularizer, regularizer)
                && Objects.equals(s.normalizer, normalizer)
                && s.frozen.equals(frozen);
    }

    @Override
    public int hashCode() {
        return layers.hashCode() * 31 + Arrays.hashCode(inputShape) + Long.hashCode(seed);
    }
}
