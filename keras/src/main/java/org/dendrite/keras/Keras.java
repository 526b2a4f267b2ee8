package org.dendrite.keras;

import static org.dendrite.Dendrite.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dendrite.Model;
import org.dendrite.Sequential;
import org.dendrite.layers.Layer;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.LoggerFactory;

/**
 * Models trained in Python Keras, opened as ordinary Dendrite models: summary, predict, evaluate,
 * fit and save all work on them.
 * <pre>{@code
 * Model model = Keras.load(Path.of("model.h5"));   // Python: model.save("model.h5")
 * INDArray p = model.predict(images);               // Keras's layout: [n, height, width, channels]
 * }</pre>
 *
 * <p>Reads Keras 2 / tf.keras full-model HDF5 files ({@code model_config} and {@code model_weights})
 * of Sequential models, with the layers in {@link KerasLayers#SUPPORTED}, through a pure-Java HDF5
 * reader (jHDF), by translating Keras's layer configs into Dendrite's own layers and handing the
 * weights, in Keras's layout, to {@link Model#setWeights}: no native HDF5 library and no
 * DL4J-specific model import. The loss, optimiser and metrics come from the file's
 * {@code training_config} when it has one (so fit continues as the Python script would), Keras's
 * defaults (adam, mse) otherwise.
 */
public final class Keras {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private Keras() {}

    /**
     * Opens a Keras model file.
     *
     * @throws IOException naming the file and what is wrong: not HDF5, a SavedModel folder, a layer
     *     Dendrite does not have (with its position and the supported list), weights whose shapes
     *     differ from the config's
     */
    public static Model load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException(
                    file + " is a folder: a TensorFlow SavedModel? Save it from Python as one file first, with "
                            + "model.save(\"model.h5\")");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no Keras model here");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (startsWith(head, ZIP)) {
            throw new IOException(
                    file + " is a Keras 3 .keras archive; this version of Dendrite reads Keras 2 / tf.keras .h5 "
                            + "files (model.save(\"model.h5\") in Python)");
        }
        if (!startsWith(head, HDF5)) {
            throw new IOException(
                    file + " is not a Keras model: it is neither an HDF5 file (.h5) nor a .keras archive");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return read(hdf, file);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + " could not be read as HDF5 (truncated or damaged?): " + e.getMessage(), e);
        }
    }

    private static Model read(HdfFile hdf, Path file) throws IOException {
        Attribute config = hdf.getAttributes().get("model_config");
        if (config == null) {
            throw new IOException(
                    file + " holds no model_config: weights only (model.save_weights)? Keras.load needs a "
                            + "whole model, saved with model.save(\"model.h5\")");
        }
        JsonNode model = JSON.readTree(text(config.getData()));
        String kind = model.path("class_name").asText();
        Attribute training = hdf.getAttributes().get("training_config");
        JsonNode compile = training == null ? null : JSON.readTree(text(training.getData()));
        if (kind.equals("Functional") || kind.equals("Model")) {
            Model loaded = KerasGraph.read(model.path("config"), file)
                    .compile(optimizer(compile), loss(compile), metrics(compile));
            List<String> names = loaded.summaryTable().rows().stream()
                    .map(org.dendrite.Summary.Row::name)
                    .toList();
            loaded.setWeights(weights(hdf, names, file).toArray(INDArray[]::new));
            return loaded;
        }
        if (!kind.equals("Sequential")) {
            throw new IOException(file + " holds a " + kind + " model; Dendrite reads Sequential and Functional models"
                    + " (a subclassed model's layers are code, which a file cannot carry)");
        }
        JsonNode layers = model.path("config").isArray()
                ? model.path("config")
                : model.path("config").path("layers");
        Sequential architecture = Sequential.empty();
        long[] input = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            JsonNode layerConfig = layer.path("config");
            if (layerConfig.has("batch_input_shape") && input == null) {
                input = shape(layerConfig.path("batch_input_shape"));
            }
            Layer translated;
            try {
                translated = KerasLayers.translate(layer.path("class_name").asText(), layerConfig);
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file + ": layer " + i + " ('" + layerConfig.path("name").asText() + "', "
                                + layer.path("class_name").asText() + "): " + e.getMessage(),
                        e);
            }
            if (translated != null) {
                architecture = architecture.add(translated);
                names.add(layerConfig.path("name").asText());
            }
        }
        if (input == null) {
            throw new IOException(
                    file + ": its first layer declares no batch_input_shape, so the input shape is unknown");
        }
        Model loaded = architecture.input(input).compile(optimizer(compile), loss(compile), metrics(compile));
        loaded.setWeights(weights(hdf, names, file).toArray(INDArray[]::new));
        return loaded;
    }

    /** Every layer's weights in the file's order, which is Keras's get_weights() order. */
    private static List<INDArray> weights(HdfFile hdf, List<String> names, Path file) throws IOException {
        List<INDArray> weights = new ArrayList<>();
        for (String name : names) {
            var groups = hdf.getByPath("model_weights");
            if (!(groups instanceof io.jhdf.api.Group all) || !all.getChildren().containsKey(name)) {
                continue; // an input or a merge: Keras keeps no weights for it
            }
            var group = hdf.getByPath("model_weights/" + name);
            Attribute listed = group.getAttributes().get("weight_names");
            if (listed == null) {
                continue;
            }
            for (String weight : strings(listed.getData())) {
                Dataset data = hdf.getDatasetByPath("model_weights/" + name + "/" + weight);
                long[] shape =
                        Arrays.stream(data.getDimensions()).asLongStream().toArray();
                weights.add(Nd4j.create((float[]) data.getDataFlat(), shape, 'c'));
            }
        }
        return weights;
    }

    private static Optimizer optimizer(JsonNode compile) {
        JsonNode optimizer = compile == null ? null : compile.path("optimizer_config");
        if (optimizer == null || optimizer.isMissingNode()) {
            return adam;
        }
        JsonNode c = optimizer.path("config");
        double lr = c.has("learning_rate")
                ? c.path("learning_rate").asDouble()
                : c.path("lr").asDouble(0.001);
        return switch (optimizer.path("class_name").asText()) {
            case "Adam" -> new org.dendrite.optimizers.Adam(
                    lr,
                    c.path("beta_1").asDouble(0.9),
                    c.path("beta_2").asDouble(0.999),
                    c.path("epsilon").asDouble(1e-7));
            case "RMSprop" -> new org.dendrite.optimizers.RmsProp(
                    lr, c.path("rho").asDouble(0.9), c.path("epsilon").asDouble(1e-7));
            case "SGD" -> sgd(
                    lr, c.path("momentum").asDouble(0), c.path("nesterov").asBoolean(false));
            case "Adagrad" -> adagrad(lr);
            default -> {
                LoggerFactory.getLogger(Keras.class)
                        .warn(
                                "the file's optimizer {} is not one Dendrite maps; using adam",
                                optimizer.path("class_name").asText());
                yield adam;
            }
        };
    }

    private static Loss loss(JsonNode compile) {
        JsonNode loss = compile == null ? null : compile.path("loss");
        String name = loss == null || !loss.isTextual() ? "mse" : loss.asText();
        return switch (name) {
            case "mean_squared_error" -> mse;
            case "mean_absolute_error" -> mae;
            case "kullback_leibler_divergence" -> kld;
            default -> new Loss(name);
        };
    }

    private static Metric[] metrics(JsonNode compile) {
        List<Metric> metrics = new ArrayList<>();
        if (compile != null) {
            for (JsonNode metric : compile.path("metrics")) {
                String name = metric.asText();
                if (name.equals("accuracy") || name.equals("acc")) {
                    metrics.add(accuracy);
                } else if (Loss.NAMES.contains(name)) {
                    metrics.add(new Loss(name));
                } else {
                    LoggerFactory.getLogger(Keras.class)
                            .warn("the file's metric {} is not one Dendrite has; left out", name);
                }
            }
        }
        return metrics.toArray(Metric[]::new);
    }

    /** A Keras {@code batch_input_shape} without its batch axis. */
    private static long[] shape(JsonNode batchShape) {
        long[] shape = new long[batchShape.size() - 1];
        for (int i = 1; i < batchShape.size(); i++) {
            shape[i - 1] = batchShape.get(i).asLong();
        }
        return shape;
    }

    private static String text(Object data) {
        return data instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : data.toString();
    }

    private static String[] strings(Object data) {
        if (data == null) {
            return new String[0]; // an empty list of names: a layer without weights
        }
        if (data instanceof String[] strings) {
            return strings;
        }
        Object[] objects = (Object[]) data;
        return Arrays.stream(objects).map(Keras::text).toArray(String[]::new);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }
}
