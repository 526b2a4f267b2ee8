package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.dendrite.datasets.Normalizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Rescaling} and {@code Normalization} layers as what they are in Dendrite: the
 * model's input normaliser, a {@link Normalizer#standardize() standardize} one, {@code (x - mean) / std}
 * per feature (the last axis: an image's channels), with numbers derived exactly:
 * <ul>
 *   <li>{@code Rescaling(scale, offset)}, {@code x·scale + offset}: mean {@code -offset / scale},
 *       std {@code 1 / scale} (a positive scale);
 *   <li>{@code Normalization(axis=-1)}, adapted (its {@code mean} and {@code variance} weights) or
 *       given them in its config: Keras computes {@code (x - mean) / max(sqrt(variance), 1e-7)};
 *       std is {@code sqrt(variance)}, refused below DL4J's own floor ({@code Nd4j.EPS_THRESHOLD},
 *       1e-5, where DL4J would divide by 1e-5 and Keras by something smaller).
 * </ul>
 * Written back ({@link #config}) as a {@code Normalization} layer given its mean and variance
 * ({@code std²}) in its config, which reads back to the same normaliser bit for bit.
 */
final class KerasNormalizer {

    /** The Keras layers read as an input normaliser. */
    static final Set<String> KINDS = Set.of("Rescaling", "Normalization");

    /** Why a Rescaling or Normalization elsewhere is refused. */
    static final String ONLY_FIRST = "Dendrite reads a Rescaling or Normalization layer only as the model's input"
            + " normaliser: the first layer of a Sequential, or the one layer an Input feeds in a functional model;"
            + " elsewhere it is not supported";

    /** The smallest standard deviation DL4J's standardize divides by as it is. */
    static final float FLOOR = (float) Nd4j.EPS_THRESHOLD;

    private KerasNormalizer() {}

    /**
     * @param arrays the layer's weights (an adapted Normalization's mean, variance and count), or none
     * @param input  the shape of one example of the model's input, without the batch
     * @throws IllegalArgumentException naming the argument that cannot be read as a normaliser
     */
    static Normalizer of(String kind, JsonNode config, List<INDArray> arrays, long[] input) {
        if (input.length != 1 && input.length != 3) {
            throw new IllegalArgumentException("an input normaliser on inputs of shape " + Arrays.toString(input)
                    + " is not supported: Dendrite scales features ([n, features]) and images' channels"
                    + " ([n, height, width, channels])");
        }
        int n = Math.toIntExact(input[input.length - 1]);
        float[] mean = new float[n];
        float[] std = new float[n];
        if (kind.equals("Rescaling")) {
            float[] scale = values(config.path("scale"), n, "scale");
            float[] offset = config.has("offset") ? values(config.path("offset"), n, "offset") : new float[n];
            for (int i = 0; i < n; i++) {
                if (!(scale[i] > 0)) {
                    throw new IllegalArgumentException("scale=" + config.path("scale") + " is not supported: Dendrite's"
                            + " standardize divides by a positive standard deviation, 1 / scale");
                }
                mean[i] = (float) (-(double) offset[i] / scale[i]);
                std[i] = (float) (1.0 / scale[i]);
            }
        } else {
            JsonNode axis = config.path("axis");
            int a = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.asInt(Integer.MIN_VALUE);
            boolean whole = isNone(axis) || (axis.isArray() && axis.isEmpty()); // axis=None: one mean for all
            if (!whole && a != -1 && a != input.length) {
                throw new IllegalArgumentException("axis=" + axis + " is not supported: Dendrite's normaliser has"
                        + " one mean per feature of the last axis (axis=-1)");
            }
            if (config.path("invert").asBoolean(false)) {
                throw new IllegalArgumentException("invert=true is not supported: an input normaliser standardises");
            }
            float[] variance;
            if (!isNone(config.path("mean"))) {
                mean = values(config.path("mean"), n, "mean");
                variance = values(config.path("variance"), n, "variance");
            } else if (arrays.size() >= 2) {
                mean = values(arrays.get(0), n, "mean");
                variance = values(arrays.get(1), n, "variance");
            } else {
                throw new IllegalArgumentException("it has neither mean and variance in its config nor adapted"
                        + " weights (found " + arrays.size() + " arrays): call adapt(data) before saving");
            }
            for (int i = 0; i < n; i++) {
                std[i] = (float) Math.sqrt(variance[i]);
                if (!(std[i] >= FLOOR)) {
                    throw new IllegalArgumentException("feature " + i + " has variance " + variance[i]
                            + ": Keras divides by max(sqrt(variance), 1e-7), DL4J's standardize by at least " + FLOOR
                            + ", so the predictions would differ");
                }
            }
        }
        int count = arrays.size() >= 3 ? (int) arrays.get(2).getDouble(0) : 0;
        return Normalizer.of(new Normalizer.Statistics("standardize", mean, std, new long[] {n}, count));
    }

    /**
     * The normaliser as Keras 3's {@code Normalization} config fields: {@code axis [-1]},
     * {@code invert false}, its {@code mean} and {@code variance} (each std, at least DL4J's floor
     * as DL4J applies it, squared in float).
     *
     * @param features the size of the input's last axis
     * @throws IllegalArgumentException for a normaliser that is not a standardize one over that axis
     */
    static void config(Normalizer normalizer, long features, com.fasterxml.jackson.databind.node.ObjectNode c) {
        Normalizer.Statistics stats = normalizer.statistics().orElseThrow();
        if (!stats.kind().equals("standardize")) {
            throw new IllegalArgumentException(normalizer + " is not written as a Keras layer: a Normalization"
                    + " layer standardises; use Normalizer.standardize(), or scale the data instead");
        }
        if (stats.first().length != features) {
            throw new IllegalArgumentException(normalizer + " has " + stats.first().length + " statistics, but"
                    + " a Keras Normalization layer has one per feature of the last axis (" + features + ")");
        }
        c.putArray("axis").add(-1);
        c.put("invert", false);
        var mean = c.putArray("mean");
        var variance = c.putArray("variance");
        for (int i = 0; i < features; i++) {
            float s = Math.max(stats.second()[i], FLOOR);
            mean.add((double) stats.first()[i]);
            variance.add((double) (s * s));
        }
    }

    /** {@code n} float values from a number, a list (of 1 or n) or Keras 3's {@code __numpy__} object. */
    private static float[] values(JsonNode node, int n, String argument) {
        if (node.isObject() && node.path("config").has("value")) {
            node = node.path("config").path("value");
        }
        float[] values = new float[n];
        if (node.isNumber()) {
            Arrays.fill(values, node.floatValue());
            return values;
        }
        if (node.isArray()) {
            float[] flat = flat(node);
            if (flat.length == 1 || flat.length == n) {
                for (int i = 0; i < n; i++) {
                    values[i] = flat[flat.length == 1 ? 0 : i];
                }
                return values;
            }
        }
        throw new IllegalArgumentException(argument + "=" + node + " is not supported: one number, or one per"
                + " feature of the last axis (" + n + ")");
    }

    private static float[] values(INDArray array, int n, String argument) {
        float[] flat = array.dup('c').data().asFloat();
        if (flat.length != 1 && flat.length != n) {
            throw new IllegalArgumentException("its " + argument + " weight has shape " + Arrays.toString(array.shape())
                    + ", not one value per feature of the last axis (" + n + ")");
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = flat[flat.length == 1 ? 0 : i];
        }
        return values;
    }

    private static float[] flat(JsonNode node) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        collect(node, all);
        float[] flat = new float[all.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = all.get(i);
        }
        return flat;
    }

    private static void collect(JsonNode node, java.util.List<Float> all) {
        if (node.isArray()) {
            node.forEach(v -> collect(v, all));
        } else {
            all.add(node.floatValue());
        }
    }

    private static boolean isNone(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }
}
