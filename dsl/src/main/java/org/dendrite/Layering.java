package org.dendrite;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dendrite.activations.Activation;
import org.dendrite.layers.ActivationLayer;
import org.dendrite.layers.AlphaDropout;
import org.dendrite.layers.AveragePooling2D;
import org.dendrite.layers.BatchNorm;
import org.dendrite.layers.Conv2D;
import org.dendrite.layers.Dense;
import org.dendrite.layers.Dropout;
import org.dendrite.layers.Embedding;
import org.dendrite.layers.Flatten;
import org.dendrite.layers.GaussianDropout;
import org.dendrite.layers.GaussianNoise;
import org.dendrite.layers.GlobalAveragePooling2D;
import org.dendrite.layers.GlobalMaxPooling2D;
import org.dendrite.layers.LSTM;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Masking;
import org.dendrite.layers.MaxPooling2D;
import org.dendrite.layers.SimpleRNN;
import org.dendrite.layers.UpSampling2D;
import org.dendrite.layers.ZeroPadding2D;
import org.dendrite.layers.options.LayerOption;

/**
 * The layer vocabulary, shared by the two ways to write a model: each call puts one more layer
 * on a {@link Sequential} model, or on a {@link Node} of a functional graph, and returns the result
 * ({@code Sequential().dense(64, RELU)}, {@code Input(8).dense(64, RELU)}), so that both read the
 * same and Tab lists the same layers.
 *
 * @param <T> what a call returns: a longer {@code Sequential}, or the layer's output {@code Node}
 */
public abstract sealed class Layering<T extends Layering<T>> permits Sequential, Node {

    Layering() {}

    /** Puts {@code layer} on: appended to a {@code Sequential}, applied to a {@code Node}. */
    public abstract T add(Layer layer);

    /** Where the next layer goes, for messages: {@code "layer 3"}. */
    abstract String position();

    /**
     * A fully connected layer, {@code output = activation(input · kernel + bias)}, with options in
     * any order: {@code dense(64)} (linear, Glorot-uniform, bias: Keras's defaults),
     * {@code dense(64, RELU, HE)}, {@code dense(64, RELU, HE, l2(1e-4), maxNorm(3), useBias(false))}.
     * {@code dropout(rate)} among the options adds a Dropout layer after this one.
     */
    public T dense(int units, LayerOption... options) {
        return withDropout(options, rest -> Dense.of(units, rest));
    }

    /** Batch normalisation with Keras's defaults (momentum 0.99, epsilon 0.001). */
    public T batchNorm() {
        return add(BatchNorm.KERAS_DEFAULTS);
    }

    /** Batch normalisation with the given running-average momentum and epsilon. */
    public T batchNorm(double momentum, double epsilon) {
        return add(at(() -> new BatchNorm(momentum, epsilon)));
    }

    /** Adds N(0, stddev²) noise to the previous layer's outputs during training. */
    public T gaussianNoise(double stddev) {
        return add(at(() -> new GaussianNoise(stddev)));
    }

    /** Multiplies the previous layer's outputs by N(1, rate / (1 - rate)) noise during training. */
    public T gaussianDropout(double rate) {
        return add(at(() -> new GaussianDropout(rate)));
    }

    /** Dropout that keeps SELU's self-normalising mean and variance. */
    public T alphaDropout(double rate) {
        return add(at(() -> new AlphaDropout(rate)));
    }

    /**
     * A 2-D convolution with {@code filters} kernels of {@code kernel × kernel}, with options in any
     * order: {@code conv2d(32, 3)} (linear, strides 1, valid, Glorot-uniform, bias: Keras's
     * defaults), {@code conv2d(32, 3, RELU)}, {@code conv2d(64, 3, RELU, strides(2), SAME, HE, l2(1e-4))}.
     * {@code dropout(rate)} among the options adds a Dropout layer after this one.
     */
    public T conv2d(int filters, int kernel, LayerOption... options) {
        return conv2d(filters, kernel, kernel, options);
    }

    /** A 2-D convolution with {@code kernelHeight × kernelWidth} kernels (Keras's {@code kernel_size=(h, w)}). */
    public T conv2d(int filters, int kernelHeight, int kernelWidth, LayerOption... options) {
        return withDropout(options, rest -> Conv2D.of(filters, kernelHeight, kernelWidth, rest));
    }

    /** Max pooling over {@code size × size} windows; options {@code strides(...)} (default: the size) and {@code SAME}. */
    public T maxPool(int size, LayerOption... options) {
        return add(at(() -> MaxPooling2D.of(size, options)));
    }

    /** Average pooling over {@code size × size} windows; options {@code strides(...)} (default: the size) and {@code SAME}. */
    public T avgPool(int size, LayerOption... options) {
        return add(at(() -> AveragePooling2D.of(size, options)));
    }

    /** The mean of each channel over the image. */
    public T globalAvgPool() {
        return add(new GlobalAveragePooling2D());
    }

    /** The maximum of each channel over the image. */
    public T globalMaxPool() {
        return add(new GlobalMaxPooling2D());
    }

    /** Each example as one flat row (optional before dense: DL4J reshapes by itself). */
    public T flatten() {
        return add(new Flatten());
    }

    /**
     * Masks the padding steps of sequences, those whose features are all 0 (Keras's default), for
     * the LSTM or SimpleRNN that must come right after: it skips them, as Keras's do.
     */
    public T masking() {
        return masking(0);
    }

    /** Masks the steps whose features all equal {@code maskValue} for the LSTM or SimpleRNN right after (see {@link Masking}). */
    public T masking(double maskValue) {
        return add(at(() -> new Masking(maskValue)));
    }

    /** An LSTM over sequences {@code (timesteps, features)}; only the last step's output goes on (Keras's default). */
    public T lstm(int units) {
        return lstm(units, false);
    }

    /** An LSTM; with {@code returnSequences} every step's output goes on, for another recurrent layer. */
    public T lstm(int units, boolean returnSequences) {
        return add(at(() -> new LSTM(units, returnSequences)));
    }

    /** A fully connected recurrent layer (Keras's {@code SimpleRNN}); only the last step's output goes on. */
    public T simpleRnn(int units) {
        return simpleRnn(units, false);
    }

    /** A {@code SimpleRNN}; with {@code returnSequences} every step's output goes on. */
    public T simpleRnn(int units, boolean returnSequences) {
        return add(at(() -> new SimpleRNN(units, returnSequences)));
    }

    /** Learnt vectors of {@code dimensions} numbers for tokens {@code 0..vocabulary-1}: {@code (timesteps)} → {@code (timesteps, dimensions)}. */
    public T embedding(int vocabulary, int dimensions) {
        return add(at(() -> new Embedding(vocabulary, dimensions)));
    }

    /** Repeats rows and columns {@code size} times. */
    public T upSampling(int size) {
        return add(at(() -> new UpSampling2D(size)));
    }

    /** Pads each image with {@code pad} zeros on every side. */
    public T zeroPadding(int pad) {
        return add(at(() -> new ZeroPadding2D(pad)));
    }

    /** An activation function as a layer of its own. */
    public T activation(Activation activation) {
        return add(new ActivationLayer(activation));
    }

    /** Drops the fraction {@code rate} of the previous layer's outputs during training (Keras's rate: 0.2 drops 20%). */
    public T dropout(double rate) {
        return add(at(() -> new Dropout(rate)));
    }

    /**
     * The layer {@code make} builds from the options but {@code dropout(...)}, then a Dropout layer
     * if the options hold one: {@code dense(64, RELU, dropout(0.5))} is {@code dense(64, RELU).dropout(0.5)}.
     */
    private T withDropout(LayerOption[] options, Function<LayerOption[], Layer> make) {
        List<Dropout> dropouts = Arrays.stream(options)
                .filter(Dropout.class::isInstance)
                .map(Dropout.class::cast)
                .toList();
        if (dropouts.size() > 1) {
            throw new IllegalArgumentException(position() + ": takes one dropout, received " + dropouts);
        }
        LayerOption[] rest =
                Arrays.stream(options).filter(o -> !(o instanceof Dropout)).toArray(LayerOption[]::new);
        T layer = add(at(() -> make.apply(rest)));
        return dropouts.isEmpty() ? layer : layer.add(dropouts.get(0));
    }

    /** Builds the layer, naming the position it was meant for if its arguments are wrong. */
    private Layer at(Supplier<Layer> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(position() + ": " + e.getMessage(), e);
        }
    }
}
