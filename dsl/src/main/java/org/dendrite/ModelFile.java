package org.dendrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dendrite.io.AtomicFiles;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The saved-model file: DL4J's own model zip ({@code configuration.json}, {@code coefficients.bin},
 * {@code updaterState.bin}), so DL4J tools can read it, plus one entry {@value #ENTRY} holding
 * the Keras-level description (layers, optimiser, loss, metrics, input shape) that DL4J's
 * configuration cannot express. That entry is read with a filter that admits only Dendrite's
 * own value classes and the JDK types they use.
 */
final class ModelFile {

    static final String ENTRY = "dendrite-model.ser";
    private static final ObjectInputFilter ONLY_DENDRITE = ObjectInputFilter.Config.createFilter(
            "org.dendrite.**;java.lang.*;java.util.*;[J;[F;maxdepth=20;!*");

    private ModelFile() {
    }

    /** Everything a restored model needs besides DL4J's network. */
    record Description(Sequential architecture, Optimizer optimizer, Loss loss, List<Metric> metrics, long[] inputShape)
            implements Serializable {
    }

    static void save(Model model, Path file) throws IOException {
        AtomicFiles.write(file, temp -> {
            ModelSerializer.writeModel(model.network(), temp.toFile(), true);
            try (FileSystem zip = FileSystems.newFileSystem(temp);
                 OutputStream out = Files.newOutputStream(zip.getPath(ENTRY));
                 ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(new Description(model.architecture(), model.optimizer(), model.loss(),
                        model.metrics(), model.inputShape()));
            }
        });
    }

    static Model load(Path file) throws IOException {
        Description description = readDescription(file);
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        return new Model(description.architecture(), description.optimizer(), description.loss(), description.metrics(),
                description.inputShape(), network);
    }

    private static Description readDescription(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no saved model at this path");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            var entry = zip.getEntry(ENTRY);
            if (entry == null || zip.getEntry("configuration.json") == null) {
                throw new IOException(file + " is not a saved Dendrite model: it has no " + (entry == null ? ENTRY : "configuration.json")
                        + " entry" + (entry == null && zip.getEntry("configuration.json") != null
                        ? " (a plain DL4J model: read it with MultiLayerNetwork.load)" : ""));
            }
            try (InputStream in = zip.getInputStream(entry); ObjectInputStream objects = new ObjectInputStream(in)) {
                objects.setObjectInputFilter(ONLY_DENDRITE);
                return (Description) objects.readObject();
            } catch (ClassNotFoundException | ClassCastException | java.io.InvalidClassException e) {
                throw new IOException(file + " holds a model description this version of Dendrite cannot read: " + e.getMessage(), e);
            }
        } catch (ZipException e) {
            throw new IOException(file + " is not a saved Dendrite model: it is not a zip archive (" + e.getMessage() + ")", e);
        }
    }
}
