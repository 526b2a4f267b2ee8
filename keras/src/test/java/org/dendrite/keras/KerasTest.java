package org.dendrite.keras;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dendrite.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Models written by real Keras (the fixtures beside the repository, with their provenance, fixed
 * inputs and the outputs of an independent forward pass) open as Dendrite models and predict what
 * Keras predicts, to the fixtures' suggested tolerance: |a - b| <= 1e-5 + 1e-4·|b|.
 */
class KerasTest {

    @TempDir
    Path dir;

    @Test
    void aKeras2SequentialCnnWithBatchNormPredictsAsKerasDoes() throws IOException {
        Model model = Keras.load(Fixtures.fixture("keras2_seq_cnn_conv2d_bn_flatten_dense.h5"));
        assertEquals(
                List.of("Conv2D", "BatchNormalization", "Activation", "Conv2D", "Flatten", "Dense"),
                model.architecture().layers().stream().map(l -> l.kind()).toList());
        assertArrayEquals(new long[] {10, 10, 3}, model.inputShape());
        assertPredicts(model, "keras2_seq_cnn_conv2d_bn_flatten_dense", new long[] {10, 10, 3});
    }

    @Test
    void aKeras2LstmWithHardSigmoidGatesPredictsAsKerasDoes() throws IOException {
        Model model = Keras.load(Fixtures.fixture("keras2_seq_lstm_dense.h5"));
        assertTrue(
                model.architecture().toString().contains("hard_sigmoid gates"),
                model.architecture().toString());
        long[] input = model.inputShape();
        assertPredicts(model, "keras2_seq_lstm_dense", input);
    }

    @Test
    void whatCannotBeReadIsRefusedNamingTheFileAndTheReason() throws IOException {
        Path text = Files.writeString(dir.resolve("model.h5"), "not hdf5");
        assertEquals(
                text + " is not a Keras model: it is neither an HDF5 file (.h5) nor a .keras archive",
                assertThrows(IOException.class, () -> Keras.load(text)).getMessage());
        assertTrue(assertThrows(IOException.class, () -> Keras.load(dir))
                .getMessage()
                .endsWith("a TensorFlow SavedModel? Save it"
                        + " from Python as one file first, with model.save(\"model.keras\")"));
        Path zip = dir.resolve("other.keras");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
        }
        assertEquals(
                zip
                        + " is a zip archive but not a Keras .keras file: it has no config.json (its entries: [readme.txt])",
                assertThrows(IOException.class, () -> Keras.load(zip)).getMessage());
        Path cut = dir.resolve("truncated.keras");
        byte[] archive = Files.readAllBytes(Fixtures.fixture("keras3_seq_masking_lstm.keras"));
        Files.write(cut, Arrays.copyOf(archive, archive.length / 2));
        assertTrue(assertThrows(IOException.class, () -> Keras.load(cut))
                .getMessage()
                .startsWith(cut + " could not be read as a .keras archive, a zip (truncated or damaged?)"));
        Path truncated = dir.resolve("truncated.h5");
        byte[] whole = Files.readAllBytes(Fixtures.fixture("keras2_seq_lstm_dense.h5"));
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        assertTrue(assertThrows(IOException.class, () -> Keras.load(truncated))
                .getMessage()
                .startsWith(truncated.toString()));
    }

    @Test
    void aKeras2FunctionalResNetWithResidualAddsPredictsAsKerasDoes() throws IOException {
        Model model = Keras.load(Fixtures.fixture("keras2_func_resnet8_add_cifar10.h5"));
        assertTrue(model.isFunctional());
        var rows = model.summaryTable().rows();
        var adds = rows.stream().filter(r -> r.type().equals("Add")).toList();
        assertEquals(3, adds.size(), "three residual blocks");
        adds.forEach(r -> assertEquals(2, r.connectedTo().size(), r.toString()));
        long weights = model.getWeights().stream().mapToLong(INDArray::length).sum();
        assertEquals(weights, model.summaryTable().totalParams(), "every weight array of the file went in");
        assertTrue(weights > 70_000, "ResNet-8's weights: " + weights);
        assertPredicts(model, "keras2_func_resnet8_add_cifar10", new long[] {32, 32, 3});

        Path saved = dir.resolve("resnet.zip"); // and it is an ordinary Dendrite model: save, load, same predictions
        model.save(saved);
        assertPredicts(Model.load(saved), "keras2_func_resnet8_add_cifar10", new long[] {32, 32, 3});
    }

    @Test
    void aSubclassedKeras3ModelIsRefusedAsCode() {
        Path subclassed = Fixtures.fixture("keras3_NEGATIVE_subclassed_nested_container.keras");
        assertEquals(
                subclassed + " holds a subclassed model, NestedDenseModel (registered_name"
                        + " \"legacy_nested_container>NestedDenseModel\"): its layers and call() are Python code of"
                        + " its own, which a saved file does not carry; Keras.load reads Sequential and functional"
                        + " models",
                assertThrows(IOException.class, () -> Keras.load(subclassed)).getMessage());
    }

    @Test
    void anImportedModelFineTunesWithItsConvolutionsFrozen() throws IOException {
        Model model = Keras.load(Fixtures.fixture("keras2_seq_cnn_conv2d_bn_flatten_dense.h5"));
        float[][] rows = Fixtures.csv("keras2_seq_cnn_conv2d_bn_flatten_dense_inputs.csv");
        INDArray x = features(rows, new long[] {10, 10, 3});
        INDArray y = Nd4j.zeros(rows.length, 1).addi(0.5);
        INDArray firstKernel = model.getWeights().get(0).dup();
        model.freezeUpTo("flatten"); // Keras's trainable = False on the convolutions: fine-tune the head alone
        var history = model.fit(
                org.dendrite.datasets.Dataset.of(x, y),
                org.dendrite.Dendrite.epochs(5).batch(5).verbose(0));
        assertTrue(history.loss().get(4) < history.loss().get(0), history.toString());
        assertEquals(firstKernel, model.getWeights().get(0), "the frozen convolution is unchanged");
    }

    private void assertPredicts(Model model, String name, long[] exampleShape) throws IOException {
        float[][] inputs = Fixtures.csv(name + "_inputs.csv");
        float[][] expected = Fixtures.csv(name + "_expected.csv");
        INDArray predictions = model.predict(features(inputs, exampleShape));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double want = expected[i][j];
                double got = predictions.getDouble(i, j);
                assertTrue(
                        Math.abs(got - want) <= 1e-5 + 1e-4 * Math.abs(want),
                        name + " row " + i + ": " + got + " vs " + want);
            }
        }
    }

    private static INDArray features(float[][] rows, long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows.length;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return Nd4j.create(flat, shape, 'c');
    }
}
