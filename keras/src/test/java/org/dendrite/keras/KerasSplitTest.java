package org.dendrite.keras;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.dendrite.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model saved from Python as {@code model.to_json()} plus {@code model.save_weights(...)}: the
 * real fixtures split in two (their {@code model_config} as the JSON; as weights, the fixture itself,
 * which Keras's {@code load_weights} also takes, and a weights-only file in {@code save_weights}'s
 * layout made here from the fixture's own arrays) load to the same model as the whole file, bit for bit.
 */
class KerasSplitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKeras2FunctionalResNetSplitIntoJsonAndWeightsPredictsAsTheWholeFileBitForBit() throws IOException {
        Path h5 = Fixtures.fixture("keras2_func_resnet8_add_cifar10.h5");
        Path json = modelConfig(h5);
        INDArray x = inputs("keras2_func_resnet8_add_cifar10", 32, 32, 3);
        INDArray whole = Keras.load(h5).predict(x);
        assertEquals(whole, Keras.load(json, h5).predict(x), "the full-model .h5 as the weights file");
        Path weights = saveWeightsLayout(h5);
        Model split = Keras.load(json, weights);
        assertEquals(whole, split.predict(x), "a weights-only .h5 in save_weights's layout");
        assertEquals(Keras.load(h5).summaryTable(), split.summaryTable());
    }

    @Test
    void aKeras2SequentialCnnSplitIntoJsonAndWeightsPredictsAsTheWholeFileBitForBit() throws IOException {
        Path h5 = Fixtures.fixture("keras2_seq_cnn_conv2d_bn_flatten_dense.h5");
        INDArray x = inputs("keras2_seq_cnn_conv2d_bn_flatten_dense", 10, 10, 3);
        INDArray whole = Keras.load(h5).predict(x);
        Model split = Keras.load(modelConfig(h5), saveWeightsLayout(h5));
        assertEquals(whole, split.predict(x));
        assertEquals(Keras.load(h5).getWeights(), split.getWeights());
    }

    @Test
    void aKeras3ConfigAndWeightsFileLoadAsTheArchiveBitForBit() throws IOException {
        Model model = Sequential()
                .input(6)
                .dense(5, RELU)
                .batchNorm()
                .dense(3, SOFTMAX)
                .compile(adam(0.01), crossEntropy, accuracy);
        Nd4j.getRandom().setSeed(7);
        model.setWeights(model.getWeights().stream()
                .map(w -> Nd4j.rand(DataType.FLOAT, w.shape()).addi(0.1))
                .toArray(INDArray[]::new));
        Path archive = dir.resolve("m.keras");
        Keras.save(model, archive);
        Path json = dir.resolve("m.json"); // Keras 3's model.to_json() is the archive's config.json
        Path weights = dir.resolve("m.weights.h5"); // model.save_weights("m.weights.h5"): the archive's weights file
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (var entry : List.of("config.json", "model.weights.h5")) {
                try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
                    Files.copy(in, entry.endsWith(".json") ? json : weights);
                }
            }
        }
        Model split = Keras.load(json, weights);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6);
        assertEquals(model.predict(x), split.predict(x));
        assertEquals(model.getWeights(), split.getWeights());
        assertEquals(model.optimizer(), split.optimizer(), "config.json's compile_config");
    }

    @Test
    void weightsThatDoNotMatchTheJsonAreRefusedNamingTheLayerAndBothShapes() throws IOException {
        Path h5 = Fixtures.fixture("keras2_seq_cnn_conv2d_bn_flatten_dense.h5");
        Path json = modelConfig(h5);
        ObjectNode root = (ObjectNode) JSON.readTree(json.toFile());
        var layers = root.path("config").isArray()
                ? root.path("config")
                : root.path("config").path("layers");
        for (var layer : layers) {
            if (layer.path("class_name").asText().equals("Dense")) {
                ((ObjectNode) layer.path("config")).put("units", 2);
            }
        }
        Path edited = Files.writeString(dir.resolve("edited.json"), root.toString());
        Path weights = saveWeightsLayout(h5);
        IOException e = assertThrows(IOException.class, () -> Keras.load(edited, weights));
        assertEquals(
                edited + ": layer 'dense_1' (Dense): weight 0 in " + weights
                        + " (/dense_1) has shape [36, 1], the architecture expects [36, 2]",
                e.getMessage());
        Path notWeights = Files.writeString(dir.resolve("w.h5"), "text");
        assertTrue(assertThrows(IOException.class, () -> Keras.load(json, notWeights))
                .getMessage()
                .startsWith(notWeights + " is not a Keras weights file: it is not HDF5"));
    }

    @Test
    void aWeightsOnlyFileGivenAsAWholeModelSaysHowToOpenIt() throws IOException {
        Path weights = saveWeightsLayout(Fixtures.fixture("keras2_seq_cnn_conv2d_bn_flatten_dense.h5"));
        assertTrue(assertThrows(IOException.class, () -> Keras.load(weights))
                .getMessage()
                .contains("weights only (model.save_weights)? Open it with Keras.load(architectureJson, weights)"));
    }

    // ---------------------------------------------------------------- the fixtures split

    /** The fixture's model_config attribute, as model.to_json() writes it, in a file of its own. */
    private Path modelConfig(Path h5) throws IOException {
        try (HdfFile hdf = new HdfFile(h5)) {
            Object data = hdf.getAttribute("model_config").getData();
            String text =
                    data instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : data.toString();
            return Files.writeString(dir.resolve(h5.getFileName() + ".json"), text);
        }
    }

    /**
     * What Keras 2's model.save_weights("w.h5") writes, from the fixture's own arrays: the root's
     * layer_names, a group per layer with its weight_names, each array at {@code <layer>/<weight name>}
     * (the layers without arrays left out: Keras's load_weights skips them too).
     */
    private Path saveWeightsLayout(Path h5) throws IOException {
        Path out = dir.resolve(h5.getFileName() + ".weights.h5");
        try (HdfFile in = new HdfFile(h5);
                WritableHdfFile w = HdfFile.write(out)) {
            Group all = (Group) in.getByPath("model_weights");
            List<String> names = new ArrayList<>();
            for (String layer : Keras.strings(all.getAttribute("layer_names").getData())) {
                String[] weights = Keras.strings(((Group) all.getChild(layer))
                        .getAttribute("weight_names")
                        .getData());
                if (weights.length == 0) {
                    continue;
                }
                names.add(layer);
                WritableGroup group = w.putGroup(layer);
                group.putAttribute("weight_names", weights);
                for (String weight : weights) {
                    String[] parts = weight.split("/");
                    WritableGroup parent = group;
                    for (int i = 0; i < parts.length - 1; i++) {
                        parent = parent.getChildren().get(parts[i]) instanceof WritableGroup g
                                ? g
                                : parent.putGroup(parts[i]);
                    }
                    parent.putDataset(
                            parts[parts.length - 1],
                            in.getDatasetByPath("model_weights/" + layer + "/" + weight)
                                    .getData());
                }
            }
            w.putAttribute("layer_names", names.toArray(String[]::new));
        }
        return out;
    }

    private static INDArray inputs(String name, long... shape) throws IOException {
        List<String> lines = Files.readAllLines(Fixtures.fixture(name + "_inputs.csv")).stream()
                .filter(l -> !l.isBlank())
                .toList();
        int width = lines.get(0).split(",").length;
        float[] flat = new float[lines.size() * width];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = Float.parseFloat(cells[j]);
            }
        }
        long[] full = new long[shape.length + 1];
        full[0] = lines.size();
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Nd4j.create(flat, full, 'c');
    }
}
