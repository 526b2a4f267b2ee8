package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dendrite.activations.Activation;
import org.dendrite.constraints.Constraint;
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
import org.dendrite.layers.Padding;
import org.dendrite.layers.SimpleRNN;
import org.dendrite.layers.UpSampling2D;
import org.dendrite.layers.Weighted;
import org.dendrite.layers.ZeroPadding2D;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.layers.options.Strides;
import org.dendrite.layers.options.UseBias;
import org.dendrite.regularizers.Regularizer;

/**
 * A Keras layer's {@code class_name} and {@code config}, as Keras writes them in a saved model, as
 * the Dendrite layer that computes the same thing. An argument Dendrite cannot honour is refused,
 * naming it, rather than dropped; initialisers are not read (the file's weights replace them).
 *
 * <p>Keras 2 and Keras 3 differ in a few names' meaning, which {@code keras3} selects: Keras 3's
 * {@code hard_sigmoid} is {@code relu6(x + 3) / 6} (Keras 2's, and Dendrite's, is
 * {@code clip(0.2x + 0.5, 0, 1)}), and its {@code leaky_relu} activation has slope 0.2 (Keras 2's
 * LeakyReLU 0.3). {@link KerasExport} writes the same fields back.
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
            "Masking",
            "Embedding",
            "GaussianNoise",
            "GaussianDropout",
            "AlphaDropout",
            "UpSampling2D",
            "ZeroPadding2D");

    private KerasLayers() {}

    /**
     * Refuses what no translation can read, whatever its class: a class of the user's own (Keras 3
     * names its {@code registered_name} or a module outside Keras), a quantized dtype policy.
     *
     * @param entry the layer's whole entry: {@code module}, {@code class_name}, {@code config}, ...
     * @throws IllegalArgumentException saying why
     */
    static void requireBuiltIn(JsonNode entry) {
        JsonNode registered = entry.path("registered_name");
        JsonNode module = entry.path("module");
        boolean custom = (registered.isTextual() && !registered.asText().equals("Functional"))
                || (entry.has("module")
                        && (!module.isTextual() || !module.asText().startsWith("keras")));
        if (custom) {
            throw new IllegalArgumentException("a custom layer class (module " + module + ", registered_name "
                    + registered + "): its code is Python, which a saved file does not carry");
        }
        JsonNode dtype = entry.path("config").path("dtype");
        String policy = dtype.path("class_name").asText("DTypePolicy");
        if (dtype.isObject() && !policy.equals("DTypePolicy") && !policy.equals("FloatDTypePolicy")) {
            throw new IllegalArgumentException("dtype policy " + policy + " " + dtype.path("config")
                    + " is not supported (quantized weights); Dendrite reads float weights");
        }
    }

    /**
     * The Dendrite layer, or null for an {@code InputLayer} (which only declares the input shape).
     *
     * @param keras3 whether the config is Keras 3's (a {@code .keras} archive), whose activation names
     *     differ in meaning from Keras 2's
     * @throws IllegalArgumentException naming the argument or the layer class that cannot be read
     */
    static Layer translate(String kind, JsonNode config, boolean keras3) {
        return switch (kind) {
            case "InputLayer" -> null;
            case "Dense" -> Dense.of(
                    config.path("units").asInt(),
                    weighted(config, activation(config, keras3)).toArray(LayerOption[]::new));
            case "Conv2D" -> conv2d(config, keras3);
            case "BatchNormalization" -> batchNorm(config);
            case "Activation" -> new ActivationLayer(activation(config, keras3));
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
            case "LSTM" -> lstm(config, keras3);
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
            case "GaussianNoise" -> new GaussianNoise(config.path("stddev").asDouble());
            case "GaussianDropout" -> new GaussianDropout(config.path("rate").asDouble());
            case "AlphaDropout" -> {
                require(isNone(config.path("noise_shape")), "noise_shape", config);
                yield new AlphaDropout(config.path("rate").asDouble());
            }
            case "UpSampling2D" -> {
                requireChannelsLast(config);
                int[] size = pair(config.path("size"), 2);
                require(size[0] == size[1], "size (Dendrite upsamples by one factor)", config);
                require(config.path("interpolation").asText("nearest").equals("nearest"), "interpolation", config);
                yield new UpSampling2D(size[0]);
            }
            case "ZeroPadding2D" -> {
                requireChannelsLast(config);
                JsonNode padding = config.path("padding");
                Set<Integer> sides = new java.util.TreeSet<>();
                if (padding.isArray()) {
                    padding.forEach(p -> {
                        int[] pair = pair(p, 1);
                        sides.add(pair[0]);
                        sides.add(pair[1]);
                    });
                } else {
                    sides.add(padding.asInt(1));
                }
                require(sides.size() == 1, "padding (Dendrite pads every side alike)", config);
                yield new ZeroPadding2D(sides.iterator().next());
            }
            case "Masking" -> new Masking(maskValue(config.path("mask_value")));
            case "Lambda" -> throw new IllegalArgumentException(
                    "a Lambda layer's function is Python code, which a saved file does not carry");
            default -> throw new IllegalArgumentException("Keras layer class " + kind + " is not supported; supported: "
                    + new java.util.TreeSet<>(SUPPORTED));
        };
    }

    private static Conv2D conv2d(JsonNode config, boolean keras3) {
        requireChannelsLast(config);
        require(
                pair(config.path("dilation_rate"), 1)[0] == 1 && pair(config.path("dilation_rate"), 1)[1] == 1,
                "dilation_rate",
                config);
        require(config.path("groups").asInt(1) == 1, "groups", config);
        int[] kernel = pair(config.path("kernel_size"), 1);
        int[] strides = pair(config.path("strides"), 1);
        List<LayerOption> options = weighted(config, activation(config, keras3));
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

    private static LSTM lstm(JsonNode config, boolean keras3) {
        recurrent(config);
        JsonNode named = config.path("recurrent_activation");
        Activation gates =
                activation(isNone(named) ? TextNode.valueOf("sigmoid") : named, keras3, "recurrent_activation");
        require(gates.name().equals("sigmoid") || gates.name().equals("hard_sigmoid"), "recurrent_activation", config);
        require(config.path("use_bias").asBoolean(true), "use_bias", config);
        return new LSTM(
                config.path("units").asInt(), config.path("return_sequences").asBoolean(false), gates);
    }

    /**
     * A Masking layer's {@code mask_value}: a number, or (Keras 3.8) a serialised tensor
     * {@code {"class_name": "__tensor__", "config": {"value": [0.0], ...}}} holding one.
     */
    private static double maskValue(JsonNode value) {
        if (isNone(value)) {
            return 0; // Keras's default
        }
        JsonNode v = value.isObject() && value.path("class_name").asText().equals("__tensor__")
                ? value.path("config").path("value")
                : value;
        Set<Double> values = new java.util.TreeSet<>();
        if (v.isArray()) {
            v.forEach(e -> values.add(e.isNumber() ? e.asDouble() : Double.NaN));
        } else {
            values.add(v.isNumber() ? v.asDouble() : Double.NaN);
        }
        if (values.size() != 1 || values.contains(Double.NaN)) {
            throw new IllegalArgumentException("mask_value=" + value
                    + " is not supported: Dendrite masks the steps whose features all equal one number");
        }
        return values.iterator().next();
    }

    /**
     * Refuses a recurrent layer's config that reads a Masking layer's mask otherwise than Dendrite
     * does: {@code zero_output_for_mask=true} gives zeros at masked steps (and as the last output
     * when the last step is masked) where Dendrite, as Keras's default, repeats the output before.
     */
    static void requireMaskable(JsonNode config) {
        require(!config.path("zero_output_for_mask").asBoolean(false), "zero_output_for_mask", config);
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

    private static Activation activation(JsonNode config, boolean keras3) {
        return activation(config.path("activation"), keras3, "activation");
    }

    /**
     * The activation a config names: a built-in's name (Keras 3 writes a function of the user's own
     * as an object, refused), with Keras's default slope or scale for {@code leaky_relu} and
     * {@code elu}.
     */
    static Activation activation(JsonNode named, boolean keras3, String argument) {
        if (named.isObject()) {
            throw new IllegalArgumentException(argument + " is a function of the user's own (" + named.path("config")
                    + "): its code is Python, which a saved file does not carry");
        }
        String name = isNone(named) ? "linear" : named.asText();
        if (keras3) {
            switch (name) {
                case "silu" -> name = "swish";
                case "hard_sigmoid" -> throw new IllegalArgumentException(
                        argument + "=hard_sigmoid is not supported:"
                                + " Keras 3's hard_sigmoid is relu6(x + 3) / 6, Dendrite's is Keras 2's clip(0.2x + 0.5, 0, 1)");
                case "gelu" -> throw new IllegalArgumentException(argument + "=gelu is not supported: Keras 3's gelu"
                        + " is the exact one, DL4J's an approximation x·sigmoid(1.702x)");
                default -> {}
            }
        }
        if (!Activation.NAMES.contains(name)) {
            throw new IllegalArgumentException(argument + "=" + name + " is not supported; supported: "
                    + new java.util.TreeSet<>(Activation.NAMES));
        }
        double leakyRelu = keras3 ? 0.2 : 0.3;
        return new Activation(name, name.equals("leaky_relu") ? leakyRelu : name.equals("elu") ? 1.0 : Double.NaN);
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

    // ---------------------------------------------------------------- writing

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * The layer as Keras 3.8 serialises it in a model's {@code config.json}: {@code module},
     * {@code class_name}, {@code config} (with the fields {@code get_config()} writes, by the names
     * {@link #translate} reads) and {@code registered_name}.
     *
     * @throws IllegalArgumentException for a layer, or an argument, Keras 3 cannot express as Dendrite
     *     computes it
     */
    static ObjectNode config(Layer layer, String name, boolean trainable) {
        ObjectNode c = JSON.objectNode();
        c.put("name", name);
        c.put("trainable", trainable);
        c.set("dtype", KerasExport.dtypePolicy());
        if (layer instanceof Dense d) {
            c.put("units", d.units());
            c.put("activation", written(d.activation(), "activation"));
            c.put("use_bias", d.useBias());
            c.set("kernel_initializer", KerasExport.initializer(d.initializer()));
            c.set("bias_initializer", KerasExport.object("keras.initializers", "Zeros", JSON.objectNode()));
            c.set("kernel_regularizer", KerasExport.regularizer(d.options().kernelRegularizer()));
            c.set("bias_regularizer", KerasExport.regularizer(d.options().biasRegularizer()));
            c.set("kernel_constraint", KerasExport.constraint(d.options().kernelConstraint(), JSON.numberNode(0)));
            c.putNull("bias_constraint");
        } else if (layer instanceof Conv2D conv) {
            c.put("filters", conv.filters());
            c.set("kernel_size", ints(conv.kernelHeight(), conv.kernelWidth()));
            c.set("strides", ints(conv.strides().height(), conv.strides().width()));
            c.put("padding", written(conv.padding()));
            c.put("data_format", "channels_last");
            c.set("dilation_rate", ints(1, 1));
            c.put("groups", 1);
            c.put("activation", written(conv.activation(), "activation"));
            c.put("use_bias", conv.useBias());
            c.set("kernel_initializer", KerasExport.initializer(conv.initializer()));
            c.set("bias_initializer", KerasExport.object("keras.initializers", "Zeros", JSON.objectNode()));
            c.set("kernel_regularizer", KerasExport.regularizer(conv.options().kernelRegularizer()));
            c.set("bias_regularizer", KerasExport.regularizer(conv.options().biasRegularizer()));
            c.putNull("activity_regularizer");
            c.set("kernel_constraint", KerasExport.constraint(conv.options().kernelConstraint(), ints(0, 1, 2)));
            c.putNull("bias_constraint");
        } else if (layer instanceof BatchNorm bn) {
            c.put("axis", -1);
            c.put("momentum", bn.momentum());
            c.put("epsilon", bn.epsilon());
            c.put("center", true);
            c.put("scale", true);
            c.set("beta_initializer", KerasExport.object("keras.initializers", "Zeros", JSON.objectNode()));
            c.set("gamma_initializer", KerasExport.object("keras.initializers", "Ones", JSON.objectNode()));
            c.set("moving_mean_initializer", KerasExport.object("keras.initializers", "Zeros", JSON.objectNode()));
            c.set("moving_variance_initializer", KerasExport.object("keras.initializers", "Ones", JSON.objectNode()));
            c.putNull("beta_regularizer");
            c.putNull("gamma_regularizer");
            c.putNull("beta_constraint");
            c.putNull("gamma_constraint");
            c.put("synchronized", false);
        } else if (layer instanceof ActivationLayer a) {
            c.put("activation", written(a.activation(), "activation"));
        } else if (layer instanceof Flatten) {
            c.put("data_format", "channels_last");
        } else if (layer instanceof Dropout d) {
            c.put("rate", d.rate());
            c.putNull("seed");
            c.putNull("noise_shape");
        } else if (layer instanceof MaxPooling2D || layer instanceof AveragePooling2D) {
            int size = layer instanceof MaxPooling2D m ? m.size() : ((AveragePooling2D) layer).size();
            Strides strides = layer instanceof MaxPooling2D m ? m.strides() : ((AveragePooling2D) layer).strides();
            Padding padding = layer instanceof MaxPooling2D m ? m.padding() : ((AveragePooling2D) layer).padding();
            c.set("pool_size", ints(size, size));
            c.put("padding", written(padding));
            c.set("strides", ints(strides.height(), strides.width()));
            c.put("data_format", "channels_last");
        } else if (layer instanceof GlobalMaxPooling2D || layer instanceof GlobalAveragePooling2D) {
            c.put("data_format", "channels_last");
            c.put("keepdims", false);
        } else if (layer instanceof LSTM || layer instanceof SimpleRNN) {
            recurrentConfig(c, layer);
        } else if (layer instanceof Embedding e) {
            c.put("input_dim", e.vocabulary());
            c.put("output_dim", e.dimensions());
            c.set("embeddings_initializer", KerasExport.initializer(org.dendrite.initializers.Initializer.UNIFORM));
            c.putNull("embeddings_regularizer");
            c.putNull("activity_regularizer");
            c.putNull("embeddings_constraint");
            c.put("mask_zero", false);
        } else if (layer instanceof GaussianNoise g) {
            c.put("stddev", g.stddev());
            c.putNull("seed");
        } else if (layer instanceof GaussianDropout g) {
            c.put("rate", g.rate());
            c.putNull("seed");
        } else if (layer instanceof AlphaDropout a) {
            c.put("rate", a.rate());
            c.putNull("seed");
            c.putNull("noise_shape");
        } else if (layer instanceof UpSampling2D u) {
            c.set("size", ints(u.size(), u.size()));
            c.put("data_format", "channels_last");
            c.put("interpolation", "nearest");
        } else if (layer instanceof Masking m) {
            c.put("mask_value", m.maskValue());
        } else if (layer instanceof ZeroPadding2D z) {
            ArrayNode padding = c.putArray("padding");
            padding.add(ints(z.pad(), z.pad()));
            padding.add(ints(z.pad(), z.pad()));
            c.put("data_format", "channels_last");
        } else {
            throw new IllegalArgumentException("Keras.save does not write " + layer.kind() + " layers; it writes "
                    + new java.util.TreeSet<>(SUPPORTED));
        }
        return KerasExport.object("keras.layers", layer.kind(), c);
    }

    /** An LSTM's or SimpleRNN's fields: tanh, forwards, stateless, no dropout inside, Keras's initialisers. */
    private static void recurrentConfig(ObjectNode c, Layer layer) {
        boolean lstm = layer instanceof LSTM;
        c.put("return_sequences", lstm ? ((LSTM) layer).returnSequences() : ((SimpleRNN) layer).returnSequences());
        c.put("return_state", false);
        c.put("go_backwards", false);
        c.put("stateful", false);
        c.put("unroll", false);
        c.put("zero_output_for_mask", false);
        c.put("units", lstm ? ((LSTM) layer).units() : ((SimpleRNN) layer).units());
        c.put("activation", "tanh");
        if (lstm) {
            c.put("recurrent_activation", written(((LSTM) layer).recurrentActivation(), "recurrent_activation"));
        }
        c.put("use_bias", true);
        c.set("kernel_initializer", KerasExport.initializer(org.dendrite.initializers.Initializer.GLOROT_UNIFORM));
        ObjectNode orthogonal = JSON.objectNode();
        orthogonal.put("gain", 1.0);
        orthogonal.putNull("seed");
        c.set("recurrent_initializer", KerasExport.object("keras.initializers", "Orthogonal", orthogonal));
        c.set("bias_initializer", KerasExport.object("keras.initializers", "Zeros", JSON.objectNode()));
        if (lstm) {
            c.put("unit_forget_bias", true);
        }
        for (String none : List.of(
                "kernel_regularizer",
                "recurrent_regularizer",
                "bias_regularizer",
                "activity_regularizer",
                "kernel_constraint",
                "recurrent_constraint",
                "bias_constraint")) {
            c.putNull(none);
        }
        c.put("dropout", 0.0);
        c.put("recurrent_dropout", 0.0);
        if (lstm) {
            c.putNull("seed");
        }
    }

    /** Whether Keras records a {@code build_config} for a layer of this kind: those built on their first call. */
    static boolean builds(Layer layer) {
        return layer instanceof Weighted
                || layer instanceof BatchNorm
                || layer instanceof Flatten
                || layer instanceof LSTM
                || layer instanceof SimpleRNN
                || layer instanceof Embedding
                || layer instanceof UpSampling2D
                || layer instanceof ZeroPadding2D;
    }

    /**
     * The rank of each array Keras keeps for the layer, in its order (which is {@code getWeights()}'s):
     * a Dense's kernel and bias {@code [2, 1]}, a BatchNormalization's gamma, beta, moving mean and
     * variance {@code [1, 1, 1, 1]}, an LSTM's kernel, recurrent kernel and bias {@code [2, 2, 1]}.
     */
    static int[] ranks(Layer layer) {
        if (layer instanceof Dense d) {
            return d.useBias() ? new int[] {2, 1} : new int[] {2};
        }
        if (layer instanceof Conv2D conv) {
            return conv.useBias() ? new int[] {4, 1} : new int[] {4};
        }
        if (layer instanceof BatchNorm) {
            return new int[] {1, 1, 1, 1};
        }
        if (layer instanceof LSTM || layer instanceof SimpleRNN) {
            return new int[] {2, 2, 1};
        }
        return layer instanceof Embedding ? new int[] {2} : new int[0];
    }

    /** Keras 3's name for the activation; refused where the same name computes something else there. */
    private static String written(Activation activation, String argument) {
        String name = activation.name();
        switch (name) {
            case "hard_sigmoid" -> throw new IllegalArgumentException(argument + "=hard_sigmoid cannot be saved for"
                    + " Keras 3: Keras 3's hard_sigmoid is relu6(x + 3) / 6, Dendrite's is clip(0.2x + 0.5, 0, 1)");
            case "gelu" -> throw new IllegalArgumentException(argument + "=gelu cannot be saved for Keras 3: Keras 3's"
                    + " gelu is the exact one, DL4J's an approximation x·sigmoid(1.702x)");
            case "leaky_relu" -> {
                if (activation.alpha() != 0.2) {
                    throw new IllegalArgumentException(argument + "=" + activation + " cannot be saved for Keras 3,"
                            + " whose leaky_relu activation has slope 0.2");
                }
            }
            case "elu" -> {
                if (activation.alpha() != 1.0) {
                    throw new IllegalArgumentException(
                            argument + "=" + activation + " cannot be saved for Keras 3, whose elu has alpha 1");
                }
            }
            case "swish" -> name = "silu";
            default -> {}
        }
        return name;
    }

    private static String written(Padding padding) {
        return padding == Padding.SAME ? "same" : "valid";
    }

    private static ArrayNode ints(int... values) {
        ArrayNode array = JSON.arrayNode();
        for (int v : values) {
            array.add(v);
        }
        return array;
    }
}
