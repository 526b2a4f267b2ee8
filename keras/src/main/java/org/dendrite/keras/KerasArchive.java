package org.dendrite.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dendrite.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras 3 {@code .keras} archive ({@code model.save("m.keras")} in Python), read: a zip of
 * {@code config.json} (the model's config, every object as {@code module}, {@code class_name},
 * {@code config}, {@code registered_name}), {@code metadata.json} and {@code model.weights.h5}, whose
 * groups are named after each layer's class, not its name: {@code layers/dense/vars/0},
 * {@code layers/dense_1/vars/0} in the order Keras lists the layers, and an LSTM's arrays under
 * {@code layers/lstm/cell/vars}. The config goes through the same translation as a Keras 2 file's.
 */
final class KerasArchive {

    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";

    private KerasArchive() {}

    static Model read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry config = zip.getEntry(CONFIG);
            if (config == null) {
                throw new IOException(file + " is a zip archive but not a Keras .keras file: it has no " + CONFIG
                        + " (its entries: "
                        + Collections.list(zip.entries()).stream()
                                .map(ZipEntry::getName)
                                .limit(10)
                                .toList() + ")");
            }
            JsonNode root = json(zip, config, file);
            ZipEntry metadata = zip.getEntry(METADATA);
            String version = metadata == null
                    ? ""
                    : json(zip, metadata, file).path("keras_version").asText("");
            boolean keras3 =
                    !version.startsWith("2."); // tf.keras 2.13+ writes this format too, with Keras 2's activations
            ZipEntry weights = zip.getEntry(WEIGHTS);
            if (weights == null) {
                throw new IOException(file + " has no " + WEIGHTS
                        + (zip.getEntry("model.weights.json") != null
                                ? ": its weights are sharded (model.weights.json), which Dendrite does not read"
                                : ""));
            }
            Path copy = Files.createTempFile("dendrite-keras", ".weights.h5"); // jHDF reads files, not streams
            try {
                try (InputStream in = zip.getInputStream(weights)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                try (HdfFile h5 = open(copy, file)) {
                    return Keras.assemble(
                            root,
                            KerasTraining.keras3(root.path("compile_config")),
                            keras3,
                            KerasWeights.keras3(h5, paths(root)),
                            file,
                            WEIGHTS);
                }
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (ZipException e) {
            throw new IOException(
                    file + " could not be read as a .keras archive, a zip (truncated or damaged?): " + e.getMessage(),
                    e);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode json(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return Keras.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + entry.getName() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static HdfFile open(Path copy, Path file) throws IOException {
        try {
            return new HdfFile(copy);
        } catch (RuntimeException e) {
            throw new IOException(
                    file + ": " + WEIGHTS + " could not be read as HDF5 (damaged?): " + e.getMessage(), e);
        }
    }

    /**
     * Each layer's group in the weights file, by layer name: {@code layers/} and its class in snake
     * case, numbered from the second of a class on ({@code dense}, {@code dense_1}), in the order
     * Keras lists the model's layers: a Sequential's as its config does, without the input layer; a
     * functional model's in the order Keras computes from its graph ({@link KerasGraph#kerasOrder}),
     * inputs included.
     */
    static Map<String, String> paths(JsonNode root) {
        JsonNode config = root.path("config");
        Map<String, String> kinds = new HashMap<>();
        List<String> order = new ArrayList<>();
        boolean functional = !root.path("class_name").asText().equals("Sequential");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String kind = layer.path("class_name").asText();
            kinds.put(KerasGraph.name(layer), kind);
            if (functional || i > 0 || !kind.equals("InputLayer")) {
                order.add(KerasGraph.name(layer));
            }
        }
        if (functional) {
            order = KerasGraph.kerasOrder(config);
        }
        Map<String, Integer> used = new HashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (String name : order) {
            String base = KerasTraining.snakeCase(kinds.getOrDefault(name, name));
            int n = used.merge(base, 1, Integer::sum) - 1;
            paths.put(name, "layers/" + (n == 0 ? base : base + "_" + n));
        }
        return paths;
    }

    /** A dataset as a float array of its shape, whatever floating type it was stored as. */
    static INDArray array(Dataset data) {
        long[] shape =
                java.util.Arrays.stream(data.getDimensions()).asLongStream().toArray();
        Object flat = data.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) d[i];
            }
        } else if (flat instanceof long[] l) { // a Normalization's count
            values = new float[l.length];
            for (int i = 0; i < l.length; i++) {
                values[i] = l[i];
            }
        } else if (flat instanceof int[] n) {
            values = new float[n.length];
            for (int i = 0; i < n.length; i++) {
                values[i] = n[i];
            }
        } else {
            throw new IllegalArgumentException(
                    data.getPath() + " holds " + data.getJavaType().getSimpleName() + " values, not floating point");
        }
        return Nd4j.create(values, shape, 'c');
    }
}
