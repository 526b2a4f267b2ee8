package org.dendrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dendrite.activations.Activation;
import org.dendrite.constraints.Constraint;
import org.dendrite.datasets.Normalizer;
import org.dendrite.initializers.Initializer;
import org.dendrite.layers.AlphaDropout;
import org.dendrite.layers.AveragePooling2D;
import org.dendrite.layers.Conv2D;
import org.dendrite.layers.Dense;
import org.dendrite.layers.Dropout;
import org.dendrite.layers.GaussianDropout;
import org.dendrite.layers.GaussianNoise;
import org.dendrite.layers.GlobalAveragePooling2D;
import org.dendrite.layers.GlobalMaxPooling2D;
import org.dendrite.layers.LSTM;
import org.dendrite.layers.Layer;
import org.dendrite.layers.MaxPooling2D;
import org.dendrite.layers.Padding;
import org.dendrite.layers.SimpleRNN;
import org.dendrite.layers.WeightOptions;
import org.dendrite.layers.options.Strides;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.ClipNorm;
import org.dendrite.optimizers.ClipValue;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.regularizers.Regularizer;

/**
 * Reads format 0, the model description Dendrite wrote before format 1: a Java-serialised
 * {@code ModelFile.Description} holding the {@code Sequential}. Classes whose shape has changed since
 * are read into the "V0" mirrors below, which have their old fields and turn themselves into
 * today's types; the rest (Dense, Activation, the optimisers, ...) are read as they are. Only
 * Dendrite's own value classes and the JDK types they use are admitted.
 */
final class LegacyModelFile {

    static final String ENTRY = "dendrite-model.ser";

    private static final ObjectInputFilter ONLY_DENDRITE =
            ObjectInputFilter.Config.createFilter("org.dendrite.**;java.lang.*;java.util.*;[J;[F;maxdepth=20;!*");

    /** Format 0's class names whose fields have changed, and the mirror that reads each. */
    private static final Map<String, Class<?>> MIRRORS = Map.ofEntries(
            Map.entry("org.dendrite.ModelFile$Description", V0Description.class),
            Map.entry("org.dendrite.Sequential", V0Sequential.class),
            Map.entry("org.dendrite.layers.Dense", V0Dense.class),
            Map.entry("org.dendrite.layers.Conv2D", V0Conv2D.class),
            Map.entry("org.dendrite.layers.WeightOptions", V0WeightOptions.class),
            Map.entry("org.dendrite.layers.Recurrent", V0Recurrent.class),
            Map.entry("org.dendrite.layers.Pooling2D", V0Pooling2D.class),
            Map.entry("org.dendrite.layers.GlobalPooling2D", V0GlobalPooling2D.class),
            Map.entry("org.dendrite.layers.Noise", V0Noise.class),
            Map.entry("org.dendrite.metrics.MeanError", V0MeanError.class),
            Map.entry("org.dendrite.losses.Loss", V0Loss.class),
            Map.entry("org.dendrite.optimizers.GradientClip", V0GradientClip.class));

    private LegacyModelFile() {}

    static ModelFile.Description read(InputStream in) throws IOException {
        try (ObjectInputStream objects = new MirroringStream(in)) {
            objects.setObjectInputFilter(ONLY_DENDRITE);
            return ((V0Description) objects.readObject()).toDescription();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new InvalidClassException(
                    "a class it names is not one this version of Dendrite reads: " + e.getMessage());
        }
    }

    /** Reads each renamed class into its mirror, provided the stream's fields are the mirror's. */
    private static final class MirroringStream extends ObjectInputStream {

        MirroringStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected ObjectStreamClass readClassDescriptor() throws IOException, ClassNotFoundException {
            ObjectStreamClass stream = super.readClassDescriptor();
            Class<?> mirror = MIRRORS.get(stream.getName());
            if (mirror == null) {
                return stream;
            }
            ObjectStreamClass local = ObjectStreamClass.lookup(mirror);
            if (!fields(local).equals(fields(stream))) {
                throw new InvalidClassException(
                        stream.getName(),
                        "its fields " + fields(stream) + " are not those format 0 had " + fields(local));
            }
            return local;
        }

        private static List<String> fields(ObjectStreamClass description) {
            return Arrays.stream(description.getFields())
                    .map(f -> f.getName() + ":" + f.getTypeCode())
                    .sorted()
                    .toList();
        }
    }

    record V0Description(
            Sequential architecture, Optimizer optimizer, V0Loss loss, List<Metric> metrics, long[] inputShape)
            implements Serializable {

        /** Today's description; format 0 kept an image's shape channels first, today's is Keras's (height, width, channels). */
        ModelFile.Description toDescription() {
            long[] shape =
                    inputShape.length == 3 ? new long[] {inputShape[1], inputShape[2], inputShape[0]} : inputShape;
            return new ModelFile.Description(architecture, optimizer, loss.today, metrics, shape);
        }
    }

    /** Format 0's losses were an enum. */
    enum V0Loss {
        CROSS_ENTROPY(Loss.CROSS_ENTROPY),
        BINARY_CROSS_ENTROPY(Loss.BINARY_CROSS_ENTROPY),
        CATEGORICAL_CROSS_ENTROPY(Loss.CATEGORICAL_CROSS_ENTROPY),
        SPARSE_CATEGORICAL_CROSS_ENTROPY(Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY),
        MEAN_SQUARED_ERROR(Loss.MEAN_SQUARED_ERROR),
        MEAN_ABSOLUTE_ERROR(Loss.MEAN_ABSOLUTE_ERROR),
        HINGE(Loss.HINGE),
        KL_DIVERGENCE(Loss.KL_DIVERGENCE),
        POISSON(Loss.POISSON);

        private final Loss today;

        V0Loss(Loss today) {
            this.today = today;
        }
    }

    /** Format 0's Sequential: the same fields, any serialVersionUID. */
    static final class V0Sequential implements Serializable {
        private static final long serialVersionUID = 1L;
        private List<Object> layers;
        private long[] inputShape;
        private long seed;
        private Regularizer regularizer;
        private Normalizer normalizer;

        private Object readResolve() throws InvalidObjectException {
            Sequential model = Sequential.empty().seed(seed);
            model = inputShape == null ? model : model.input(inputShape);
            model = regularizer == null ? model : model.regularizer(regularizer);
            model = normalizer == null ? model : model.normalize(normalizer);
            for (Object layer : layers) {
                for (Object one : layer instanceof List<?> several ? several : List.of(layer)) {
                    if (!(one instanceof Layer known)) {
                        throw new InvalidObjectException("format 0 model holds " + one + ", not a layer");
                    }
                    model = model.add(known);
                }
            }
            return model;
        }
    }

    /** Format 0's options: an input dropout, which is now a Dropout layer before the layer. */
    record V0WeightOptions(
            Regularizer kernelRegularizer,
            Regularizer biasRegularizer,
            Constraint kernelConstraint,
            Dropout inputDropout)
            implements Serializable {

        WeightOptions today() {
            return new WeightOptions(kernelRegularizer, biasRegularizer, kernelConstraint);
        }

        /** {@code layer}, after a Dropout layer if the options dropped its inputs. */
        Object before(Layer layer) {
            return inputDropout == null ? layer : List.of(inputDropout, layer);
        }
    }

    record V0Dense(int units, Activation activation, Initializer initializer, boolean useBias, V0WeightOptions options)
            implements Serializable {

        private Object readResolve() {
            return options.before(new Dense(units, activation, initializer, useBias, options.today()));
        }
    }

    record V0Conv2D(
            int filters,
            int kernel,
            int stride,
            Padding padding,
            Activation activation,
            Initializer initializer,
            boolean useBias,
            V0WeightOptions options)
            implements Serializable {

        private Object readResolve() {
            return options.before(new Conv2D(
                    filters,
                    kernel,
                    kernel,
                    new Strides(stride, stride),
                    padding,
                    activation,
                    initializer,
                    useBias,
                    options.today()));
        }
    }

    record V0Recurrent(boolean lstm, int units, boolean returnSequences) implements Serializable {

        private Object readResolve() {
            return lstm ? new LSTM(units, returnSequences) : new SimpleRNN(units, returnSequences);
        }
    }

    record V0Pooling2D(boolean max, int size, int stride, Padding padding) implements Serializable {

        private Object readResolve() {
            Strides strides = new Strides(stride, stride);
            return max ? new MaxPooling2D(size, strides, padding) : new AveragePooling2D(size, strides, padding);
        }
    }

    record V0GlobalPooling2D(boolean max) implements Serializable {

        private Object readResolve() {
            return max ? new GlobalMaxPooling2D() : new GlobalAveragePooling2D();
        }
    }

    record V0Noise(String kind, double amount) implements Serializable {

        private Object readResolve() throws InvalidObjectException {
            return switch (kind) {
                case "GaussianNoise" -> new GaussianNoise(amount);
                case "GaussianDropout" -> new GaussianDropout(amount);
                case "AlphaDropout" -> new AlphaDropout(amount);
                default -> throw new InvalidObjectException("unknown noise layer " + kind);
            };
        }
    }

    record V0MeanError(boolean squared) implements Serializable {

        private Object readResolve() {
            return squared ? Loss.MEAN_SQUARED_ERROR : Loss.MEAN_ABSOLUTE_ERROR;
        }
    }

    record V0GradientClip(boolean byValue, double threshold) implements Serializable {

        private Object readResolve() {
            return byValue ? new ClipValue(threshold) : new ClipNorm(threshold);
        }
    }
}
