package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dendrite.activations.Activation;
import org.dendrite.constraints.Constraint;
import org.dendrite.layers.ActivationLayer;
import org.dendrite.layers.AveragePooling2D;
import org.dendrite.layers.BatchNorm;
import org.dendrite.layers.Conv2D;
import org.dendrite.layers.Dense;
import org.dendrite.layers.Dropout;
import org.dendrite.layers.Embedding;
import org.dendrite.layers.Flatten;
import org.dendrite.layers.GlobalAveragePooling2D;
import org.dendrite.layers.GlobalMaxPooling2D;
import org.dendrite.layers.LSTM;
import org.dendrite.layers.Layer;
import org.dendrite.layers.MaxPooling2D;
import org.dendrite.layers.Padding;
import org.dendrite.layers.SimpleRNN;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.layers.options.Strides;
import org.dendrite.layers.options.UseBias;
import org.dendrite.regularizers.Regularizer;

/**
 * A Keras layer's {@code class_name} and {@code config}, as Keras writes them in a saved model, as
 * the Dendrite layer that computes the same thing. An argument Dendrite cannot honour is refused,
 * naming it, rather than dropped; initialisers are not read (the file's weights replace them).
 */
final class KerasLayers {

    /** The Keras layers this translation reads. */
    static final Set<String> SUPPORTED = Set.of(
            "InputLayer",
            "Dense",
            "Conv2D",
            "BatchNormalization",
            "Activation",
            "Flatten",
            "Dropout",
            "MaxPooling2D",
            "AveragePooling2D",
            "GlobalMaxPooling2D",
            "GlobalAveragePooling2D",
            "LSTM",
            "SimpleRNN",
            "Embedding");

    private KerasLayers() {}

    /**
     * The Dendrite layer, or null for an {@code InputLayer} (which only declares the input shape).
     *
     * @throws IllegalArgumentException naming the argument or the layer class that cannot be read
     */
    static Layer translate(String kind, JsonNode config) {
        return switch (kind) {
            case "InputLayer" -> null;
            case "Dense" -> Dense.of(
                    config.path("units").asInt(),
                    weighted(config, activation(config)).toArray(LayerOption[]::new));
            case "Conv2D" -> conv2d(config);
            case "BatchNormalization" -> batchNorm(config);
            case "Activation" -> new ActivationLayer(activation(config));
            case "Flatten" -> {
                requireChannelsLast(config);
                yield new Flatten();
            }
            case "Dropout" -> {
                require(
                        config.path("noise_shape").isNull()
                                || config.path("noise_shape").isMissingNode(),
                        "noise_shape",
                        config);
                yield new Dropout(config.path("rate").asDouble());
            }
            case "MaxPooling2D", "AveragePooling2D" -> pooling(kind, config);
            case "GlobalMaxPooling2D" -> {
                requireChannelsLast(config);
                yield new GlobalMaxPooling2D();
            }
            case "GlobalAveragePooling2D" -> {
                requireChannelsLast(config);
                yield new GlobalAveragePooling2D();
            }
            case "LSTM" -> lstm(config);
            case "SimpleRNN" -> {
                recurrent(config);
                yield new SimpleRNN(
                        config.path("units").asInt(),
                        config.path("return_sequences").asBoolean(false));
            }
            case "Embedding" -> {
                require(!config.path("mask_zero").asBoolean(false), "mask_zero", config);
                yield new Embedding(
                        config.path("input_dim").asInt(),
                        config.path("output_dim").asInt());
            }
            default -> throw new IllegalArgumentException("Keras layer class " + kind + " is not supported; supported: "
                    + new java.util.TreeSet<>(SUPPORTED));
        };
    }

    private static Conv2D conv2d(JsonNode config) {
        requireChannelsLast(config);
        require(
                pair(config.path("dilation_rate"), 1)[0] == 1 && pair(config.path("dilation_rate"), 1)[1] == 1,
                "dilation_rate",
                config);
        require(config.path("groups").asInt(1) == 1, "groups", config);
        int[] kernel = pair(config.path("kernel_size"), 1);
        int[] strides = pair(config.path("strides"), 1);
        List<LayerOption> options = weighted(config, activation(config));
        options.add(new Strides(strides[0], strides[1]));
        options.add(padding(config));
        return Conv2D.of(config.path("filters").asInt(), kernel[0], kernel[1], options.toArray(LayerOption[]::new));
    }

    private static BatchNorm batchNorm(JsonNode config) {
        int axis = config.path("axis").isArray()
                ? config.path("axis").get(0).asInt()
                : config.path("axis").asInt(-1);
        require(axis == -1 || axis == 3 || axis == 1, "axis", config);
        require(config.path("center").asBoolean(true) && config.path("scale").asBoolean(true), "center/scale", config);
        return new BatchNorm(
                config.path("momentum").asDouble(0.99), config.path("epsilon").asDouble(1e-3));
    }

    private static Layer pooling(String kind, JsonNode config) {
        requireChannelsLast(config);
        int[] size = pair(config.path("pool_size"), 2);
        require(size[0] == size[1], "pool_size (Dendrite pools square windows)", config);
        int[] strides =
                config.path("strides").isNull() || config.path("strides").isMissingNode()
                        ? size
                        : pair(config.path("strides"), size[0]);
        Strides s = new Strides(strides[0], strides[1]);
        return kind.equals("MaxPooling2D")
                ? new MaxPooling2D(size[0], s, padding(config))
                : new AveragePooling2D(size[0], s, padding(config));
    }

    private static LSTM lstm(JsonNode config) {
        recurrent(config);
        String gates = config.path("recurrent_activation").asText("sigmoid");
        require(gates.equals("sigmoid") || gates.equals("hard_sigmoid"), "recurrent_activation", config);
        require(config.path("use_bias").asBoolean(true), "use_bias", config);
        return new LSTM(
                config.path("units").asInt(),
                config.path("return_sequences").asBoolean(false),
                new Activation(gates, Double.NaN));
    }

    /** What LSTM and SimpleRNN share: tanh, forwards, stateless, one output. */
    private static void recurrent(JsonNode config) {
        require(config.path("activation").asText("tanh").equals("tanh"), "activation", config);
        require(!config.path("go_backwards").asBoolean(false), "go_backwards", config);
        require(!config.path("stateful").asBoolean(false), "stateful", config);
        require(!config.path("return_state").asBoolean(false), "return_state", config);
    }

    /** The activation, bias, regularisers and constraint of a Dense or Conv2D config, as options. */
    private static List<LayerOption> weighted(JsonNode config, Activation activation) {
        List<LayerOption> options = new ArrayList<>(
                List.of(activation, new UseBias(config.path("use_bias").asBoolean(true))));
        Regularizer kernel = regularizer(config.path("kernel_regularizer"), "kernel_regularizer");
        if (kernel != null) {
            options.add(kernel);
        }
        Regularizer bias = regularizer(config.path("bias_regularizer"), "bias_regularizer");
        if (bias != null) {
            options.add(bias.onBias());
        }
        require(isNone(config.path("activity_regularizer")), "activity_regularizer", config);
        require(isNone(config.path("bias_constraint")), "bias_constraint", config);
        JsonNode constraint = config.path("kernel_constraint");
        if (!isNone(constraint)) {
            JsonNode c = constraint.path("config");
            options.add(
                    switch (constraint.path("class_name").asText()) {
                        case "MaxNorm" -> Constraint.maxNorm(c.path("max_value").asDouble(2));
                        case "NonNeg" -> Constraint.nonNeg();
                        case "UnitNorm" -> Constraint.unitNorm();
                        default -> throw new IllegalArgumentException("kernel_constraint "
                                + constraint.path("class_name").asText()
                                + " is not supported (MaxNorm, NonNeg, UnitNorm are)");
                    });
        }
        return options;
    }

    private static Regularizer regularizer(JsonNode node, String argument) {
        if (isNone(node)) {
            return null;
        }
        String kind = node.path("class_name").asText();
        if (!Set.of("L1L2", "L1", "L2").contains(kind)) {
            throw new IllegalArgumentException(argument + " " + kind + " is not supported (L1, L2 and L1L2 are)");
        }
        JsonNode c = node.path("config");
        return new Regularizer(c.path("l1").asDouble(0), c.path("l2").asDouble(0));
    }

    private static Activation activation(JsonNode config) {
        String name = config.path("activation").asText("linear");
        return new Activation(name, name.equals("leaky_relu") ? 0.3 : name.equals("elu") ? 1.0 : Double.NaN);
    }

    private static Padding padding(JsonNode config) {
        String padding = config.path("padding").asText("valid");
        require(padding.equals("valid") || padding.equals("same"), "padding", config);
        return padding.equals("same") ? Padding.SAME : Padding.VALID;
    }

    private static void requireChannelsLast(JsonNode config) {
        String format = config.path("data_format").asText("channels_last");
        require(format.equals("channels_last"), "data_format", config);
    }

    /** A Keras size given as one number or a pair. */
    private static int[] pair(JsonNode node, int fallback) {
        if (node.isArray()) {
            return new int[] {node.get(0).asInt(), node.get(node.size() - 1).asInt()};
        }
        int n = node.isMissingNode() || node.isNull() ? fallback : node.asInt();
        return new int[] {n, n};
    }

    private static boolean isNone(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static void require(boolean supported, String argument, JsonNode config) {
        if (!supported) {
            throw new IllegalArgumentException(
                    argument + "=" + config.path(argument.split(" ")[0].split("/")[0]) + " is not supported");
        }
    }
}
