package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dendrite.Functional;
import org.dendrite.Model;
import org.dendrite.Sequential;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Accuracy;
import org.dendrite.metrics.Auc;
import org.dendrite.metrics.BinaryAccuracy;
import org.dendrite.metrics.F1;
import org.dendrite.metrics.Metric;
import org.dendrite.metrics.Precision;
import org.dendrite.metrics.Recall;
import org.dendrite.metrics.TopKAccuracy;
import org.dendrite.optimizers.Adadelta;
import org.dendrite.optimizers.Adagrad;
import org.dendrite.optimizers.Adam;
import org.dendrite.optimizers.Adamax;
import org.dendrite.optimizers.ClipNorm;
import org.dendrite.optimizers.ClipValue;
import org.dendrite.optimizers.Clipped;
import org.dendrite.optimizers.GradientClip;
import org.dendrite.optimizers.Nadam;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.optimizers.RmsProp;
import org.dendrite.optimizers.Sgd;
import org.slf4j.LoggerFactory;

/**
 * How a Keras file says the model was compiled (Keras 2's {@code training_config}, Keras 3's
 * {@code compile_config}), as Dendrite's optimiser, losses and metrics, and back. What Dendrite does
 * not have is logged and left at Keras's default (adam, mse), so that a model whose training setup
 * cannot be followed still opens for predictions.
 */
final class KerasTraining {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Optimizer DEFAULT_OPTIMIZER = new Adam(0.001, 0.9, 0.999, 1e-7);
    private static final Loss DEFAULT_LOSS = Loss.MEAN_SQUARED_ERROR;

    private KerasTraining() {}

    /**
     * A model's training setup: one loss for every output, or one per output.
     *
     * @param lossWeights each output's weight in the loss (Keras's {@code loss_weights}), or null for all 1
     */
    record Compile(Optimizer optimizer, List<Loss> losses, List<Metric> metrics, double[] lossWeights) {

        Model compile(Sequential architecture) {
            return architecture.compile(optimizer, losses.get(0), metrics.toArray(Metric[]::new));
        }

        Model compile(Functional graph) {
            Metric[] all = metrics.toArray(Metric[]::new);
            if (lossWeights != null) {
                graph = graph.lossWeights(lossWeights);
            }
            return losses.size() == graph.outputs().size() && losses.size() > 1
                    ? graph.compile(optimizer, losses, all)
                    : graph.compile(optimizer, losses.get(0), all);
        }
    }

    /** Keras 2's {@code training_config} ({@code optimizer_config}, {@code loss}, {@code metrics}), or null. */
    static Compile keras2(JsonNode training) {
        return compile(training, "optimizer_config");
    }

    /** Keras 3's {@code compile_config} ({@code optimizer}, {@code loss}, {@code metrics}); empty when never compiled. */
    static Compile keras3(JsonNode compile) {
        return compile(compile, "optimizer");
    }

    private static Compile compile(JsonNode config, String optimizer) {
        if (config == null || config.isMissingNode() || config.isNull() || config.isEmpty()) {
            return new Compile(DEFAULT_OPTIMIZER, List.of(DEFAULT_LOSS), List.of(), null);
        }
        JsonNode weights = config.path("loss_weights");
        double[] lossWeights = weights.isArray()
                ? java.util.stream.StreamSupport.stream(weights.spliterator(), false)
                        .mapToDouble(JsonNode::asDouble)
                        .toArray()
                : null;
        return new Compile(
                optimizer(config.path(optimizer)), losses(config.path("loss")), metrics(config), lossWeights);
    }

    // ---------------------------------------------------------------- reading

    /** A serialised optimiser ({@code {"class_name": "Adam", "config": {...}}}) or its name ({@code "adam"}). */
    static Optimizer optimizer(JsonNode optimizer) {
        if (optimizer.isTextual()) {
            return optimizer(optimizer.asText().toLowerCase(Locale.ROOT), JSON.objectNode());
        }
        if (!optimizer.isObject()) {
            return DEFAULT_OPTIMIZER;
        }
        Optimizer chosen =
                optimizer(optimizer.path("class_name").asText().toLowerCase(Locale.ROOT), optimizer.path("config"));
        JsonNode c = optimizer.path("config");
        if (c.path("clipnorm").isNumber()) {
            return chosen.clipNorm(c.path("clipnorm").asDouble());
        }
        return c.path("clipvalue").isNumber()
                ? chosen.clipValue(c.path("clipvalue").asDouble())
                : chosen;
    }

    private static Optimizer optimizer(String name, JsonNode c) {
        double lr = c.path("learning_rate").isNumber()
                ? c.path("learning_rate").asDouble()
                : c.path("lr").asDouble(name.equals("sgd") ? 0.01 : 0.001);
        if (c.path("learning_rate").isObject()) {
            warn(
                    "the file's learning rate is a schedule ({}), which Dendrite does not read; using {}",
                    c.path("learning_rate").path("class_name").asText(),
                    lr);
        }
        return switch (name) {
            case "adam" -> new Adam(
                    lr,
                    c.path("beta_1").asDouble(0.9),
                    c.path("beta_2").asDouble(0.999),
                    c.path("epsilon").asDouble(1e-7));
            case "adamax" -> new Adamax(
                    lr,
                    c.path("beta_1").asDouble(0.9),
                    c.path("beta_2").asDouble(0.999),
                    c.path("epsilon").asDouble(1e-7));
            case "nadam" -> new Nadam(
                    lr,
                    c.path("beta_1").asDouble(0.9),
                    c.path("beta_2").asDouble(0.999),
                    c.path("epsilon").asDouble(1e-7));
            case "rmsprop" -> new RmsProp(
                    lr, c.path("rho").asDouble(0.9), c.path("epsilon").asDouble(1e-7));
            case "sgd" -> new Sgd(
                    lr, c.path("momentum").asDouble(0), c.path("nesterov").asBoolean(false));
            case "adagrad" -> new Adagrad(lr, c.path("epsilon").asDouble(1e-7));
            case "adadelta" -> new Adadelta(
                    c.path("rho").asDouble(0.95), c.path("epsilon").asDouble(1e-7));
            default -> {
                warn("the file's optimizer {} is not one Dendrite maps; using adam", name);
                yield DEFAULT_OPTIMIZER;
            }
        };
    }

    /** One loss ({@code "mse"}, {@code {"class_name": "MeanSquaredError", ...}}), or one per output (a list or a dict). */
    static List<Loss> losses(JsonNode loss) {
        if (loss.isArray() || (loss.isObject() && !loss.has("class_name"))) {
            List<Loss> losses = new ArrayList<>();
            loss.forEach(l -> losses.add(loss(l)));
            return losses.isEmpty() ? List.of(DEFAULT_LOSS) : losses;
        }
        return List.of(loss(loss));
    }

    private static Loss loss(JsonNode loss) {
        String name = loss.isObject() ? snakeCase(loss.path("class_name").asText()) : loss.asText("");
        if (loss.path("config").path("from_logits").asBoolean(false)) {
            warn("the file's loss {} takes logits (from_logits=True); Dendrite's takes the outputs as they are", name);
        }
        String known = lossName(name);
        if (known == null) {
            if (!name.isEmpty()) {
                warn("the file's loss {} is not one Dendrite has; using mse", name);
            }
            return DEFAULT_LOSS;
        }
        return new Loss(known);
    }

    /** Dendrite's name for one of Keras's loss names or aliases, or null. */
    private static String lossName(String name) {
        return switch (name) {
            case "mean_squared_error", "mse", "MSE" -> "mse";
            case "mean_absolute_error", "mae", "MAE" -> "mae";
            case "kullback_leibler_divergence", "kl_divergence", "kld", "KLD" -> "kld";
            case "bce", "BCE" -> "binary_crossentropy";
            default -> Loss.NAMES.contains(name) && !name.equals("crossentropy") ? name : null;
        };
    }

    /** The metrics of a training config, every output's together (Dendrite reports the same for each). */
    private static List<Metric> metrics(JsonNode training) {
        Set<Metric> metrics = new LinkedHashSet<>();
        collectMetrics(training.path("metrics"), metrics);
        return List.copyOf(metrics);
    }

    private static void collectMetrics(JsonNode node, Set<Metric> metrics) {
        if (node.isArray() || (node.isObject() && !node.has("class_name"))) {
            node.forEach(m -> collectMetrics(m, metrics));
        } else if (node.isTextual() || node.isObject()) {
            Metric metric = metric(node);
            if (metric != null) {
                metrics.add(metric);
            }
        }
    }

    private static Metric metric(JsonNode metric) {
        String name = metric.isObject() ? snakeCase(metric.path("class_name").asText()) : metric.asText();
        JsonNode c = metric.path("config");
        if (name.equals("mean_metric_wrapper")) { // tf.keras's wrapper of a metric function, named in its config
            name = c.path("fn").isTextual()
                    ? c.path("fn").asText()
                    : c.path("name").asText();
        }
        switch (name) {
            case "accuracy", "acc", "categorical_accuracy", "sparse_categorical_accuracy":
                return new Accuracy();
            case "binary_accuracy":
                return new BinaryAccuracy(c.path("threshold").asDouble(0.5));
            case "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy":
                return new TopKAccuracy(c.path("k").asInt(5));
            case "auc":
                return new Auc();
            case "precision":
                return new Precision();
            case "recall":
                return new Recall();
            case "f1_score":
                return new F1();
            default:
                String loss = lossName(name);
                if (loss != null) {
                    return new Loss(loss);
                }
                warn("the file's metric {} is not one Dendrite has; left out", metric);
                return null;
        }
    }

    // ---------------------------------------------------------------- writing

    /** Keras 3's {@code compile_config} for the model, as {@code model.compile(...)} in Python records it. */
    static ObjectNode compileConfig(Model model) {
        ObjectNode compile = JSON.objectNode();
        compile.set("optimizer", serialized(model.optimizer()));
        List<Loss> losses = model.losses();
        if (losses.size() == 1) {
            compile.put("loss", writtenLoss(losses.get(0)));
        } else {
            ArrayNode all = compile.putArray("loss");
            losses.forEach(l -> all.add(writtenLoss(l)));
        }
        double[] weights = model.isFunctional() ? model.functional().lossWeights() : new double[] {1};
        if (java.util.Arrays.stream(weights).allMatch(w -> w == 1)) {
            compile.putNull("loss_weights");
        } else {
            ArrayNode all = compile.putArray("loss_weights");
            java.util.Arrays.stream(weights).forEach(all::add);
        }
        List<List<Metric>> metrics = model.outputMetrics();
        if (metrics.stream().allMatch(List::isEmpty)) {
            compile.putNull("metrics");
        } else if (metrics.size() == 1 || metrics.stream().distinct().count() == 1) {
            compile.set("metrics", metricList(metrics.get(0)));
        } else {
            ArrayNode all = compile.putArray("metrics");
            metrics.forEach(m -> all.add(metricList(m)));
        }
        compile.putNull("weighted_metrics");
        compile.put("run_eagerly", false);
        compile.put("steps_per_execution", 1);
        compile.put("jit_compile", false);
        return compile;
    }

    private static String writtenLoss(Loss loss) {
        return loss.name().equals("kld") ? "kl_divergence" : loss.name();
    }

    private static ArrayNode metricList(List<Metric> metrics) {
        ArrayNode list = JSON.arrayNode();
        for (Metric metric : metrics) {
            JsonNode written = written(metric);
            if (written == null) {
                warn("metric {} has no Keras 3 name; left out of the saved compile_config", metric);
            } else {
                list.add(written);
            }
        }
        return list;
    }

    private static JsonNode written(Metric metric) {
        if (metric instanceof Accuracy) {
            return JSON.textNode("accuracy");
        }
        if (metric instanceof Auc) {
            return JSON.textNode("auc");
        }
        if (metric instanceof Precision) {
            return JSON.textNode("precision");
        }
        if (metric instanceof Recall) {
            return JSON.textNode("recall");
        }
        if (metric instanceof F1) {
            return JSON.textNode("f1_score");
        }
        if (metric instanceof BinaryAccuracy b) {
            return metricObject("BinaryAccuracy", "binary_accuracy", "threshold", b.threshold());
        }
        if (metric instanceof TopKAccuracy t) {
            return metricObject("TopKCategoricalAccuracy", "top_k_categorical_accuracy", "k", t.k());
        }
        return metric instanceof Loss l ? JSON.textNode(writtenLoss(l)) : null;
    }

    private static ObjectNode metricObject(String kind, String name, String argument, double value) {
        ObjectNode config = JSON.objectNode();
        config.put("name", name);
        config.put("dtype", "float32");
        if (argument.equals("k")) {
            config.put(argument, (int) value);
        } else {
            config.put(argument, value);
        }
        return KerasExport.object("keras.metrics", kind, config);
    }

    /** The optimiser as Keras 3 serialises one: {@code {"module": "keras.optimizers", "class_name": "Adam", ...}}. */
    static ObjectNode serialized(Optimizer optimizer) {
        Optimizer base = optimizer instanceof Clipped clipped ? clipped.base() : optimizer;
        GradientClip clip = optimizer.clip().orElse(null);
        String kind = kerasName(base);
        if (kind == null) {
            throw new IllegalArgumentException("optimizer " + optimizer + " has no Keras 3 counterpart");
        }
        ObjectNode c = JSON.objectNode();
        c.put("name", kind.toLowerCase(Locale.ROOT));
        c.put("learning_rate", base instanceof Adadelta ? 1.0 : base.learningRate()); // DL4J's Adadelta has no rate: 1
        c.putNull("weight_decay");
        putOrNull(c, "clipnorm", clip instanceof ClipNorm n ? n.threshold() : null);
        c.putNull("global_clipnorm");
        putOrNull(c, "clipvalue", clip instanceof ClipValue v ? v.threshold() : null);
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.putNull("ema_overwrite_frequency");
        c.putNull("loss_scale_factor");
        c.putNull("gradient_accumulation_steps");
        if (base instanceof Adam a) {
            adamLike(c, a.beta1(), a.beta2(), a.epsilon()).put("amsgrad", false);
        } else if (base instanceof Adamax a) {
            adamLike(c, a.beta1(), a.beta2(), a.epsilon());
        } else if (base instanceof Nadam n) {
            adamLike(c, n.beta1(), n.beta2(), n.epsilon());
        } else if (base instanceof RmsProp r) {
            c.put("rho", r.rho());
            c.put("momentum", 0.0);
            c.put("epsilon", r.epsilon());
            c.put("centered", false);
        } else if (base instanceof Sgd sgd) {
            c.put("momentum", sgd.momentum());
            c.put("nesterov", sgd.nesterov());
        } else if (base instanceof Adagrad a) {
            c.put("initial_accumulator_value", 0.0); // DL4J's, and so Dendrite's (Keras's default is 0.1)
            c.put("epsilon", a.epsilon());
        } else if (base instanceof Adadelta a) {
            c.put("rho", a.rho());
            c.put("epsilon", a.epsilon());
        }
        return KerasExport.object("keras.optimizers", kind, c);
    }

    /** Keras's class name for the optimiser, or null. */
    private static String kerasName(Optimizer optimizer) {
        if (optimizer instanceof Adam) {
            return "Adam";
        }
        if (optimizer instanceof Adamax) {
            return "Adamax";
        }
        if (optimizer instanceof Nadam) {
            return "Nadam";
        }
        if (optimizer instanceof RmsProp) {
            return "RMSprop";
        }
        if (optimizer instanceof Sgd) {
            return "SGD";
        }
        if (optimizer instanceof Adagrad) {
            return "Adagrad";
        }
        return optimizer instanceof Adadelta ? "Adadelta" : null;
    }

    private static ObjectNode adamLike(ObjectNode c, double beta1, double beta2, double epsilon) {
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        return c;
    }

    private static void putOrNull(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** Keras's own rule, as {@code keras.src.utils.naming.to_snake_case}: {@code MeanSquaredError} → {@code mean_squared_error}. */
    static String snakeCase(String name) {
        return name.replaceAll("\\W+", "")
                .replaceAll("(.)([A-Z][a-z]+)", "$1_$2")
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    private static void warn(String message, Object... arguments) {
        LoggerFactory.getLogger(Keras.class).warn(message, arguments);
    }
}
