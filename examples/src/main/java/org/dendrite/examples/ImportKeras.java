package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dendrite.History;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.keras.Keras;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model trained in Python Keras, opened in Java, fine-tuned with its early layers frozen, and
 * saved back for Python. The model is the MLPerf Tiny ResNet-8 for CIFAR-10 (a functional model
 * with three residual Adds), as tf.keras 2.4 saved it; its inputs are the fixture's four images.
 *
 * <p>Python, on the Keras side:
 * <pre>{@code
 * model = keras.models.load_model("keras2_func_resnet8_add_cifar10.h5")
 * model.summary()
 * print(model.predict(images))                      # images: [4, 32, 32, 3], raw 0-255 pixels
 * for layer in model.layers[:model.layers.index(model.get_layer("batch_normalization_2")) + 1]:
 *     layer.trainable = False                       # the stem and the first residual block's main path
 * model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
 * model.fit(images, keras.utils.to_categorical([0, 1, 2, 3], 10), epochs=10, batch_size=4)
 * model.save("tuned.keras")                         # keras.saving.load_model("tuned.keras") opens it
 * }</pre>
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.ImportKeras}
 * (from the checkout, beside which {@code ../shared/keras-fixtures} lies). Arguments: {@code --model FILE}
 * (a Keras {@code .h5} or {@code .keras}; its inputs CSV is {@code <name>_inputs.csv} beside it),
 * {@code --epochs N} (default 10), {@code --out FILE} (default {@code tuned.keras}).
 */
public final class ImportKeras {

    static final Path FIXTURE = Path.of("..", "shared", "keras-fixtures", "keras2_func_resnet8_add_cifar10.h5");
    static final String FROZEN_UP_TO = "batch_normalization_2";
    static final int EPOCHS = 10;

    /**
     * @param model         the model as Keras saved it
     * @param predictions   its predictions for the fixture's inputs, before fine-tuning
     * @param history       the fine-tuning's losses, epoch by epoch
     * @param frozenArrays  how many weight arrays the freezing covered
     * @param frozenKept    whether each of them came out of the fit bit for bit as it went in
     * @param changedArrays how many of the other (trainable) arrays the fit changed
     * @param reloadedSame  whether the saved {@code .keras}, opened again, predicts exactly as the tuned model
     */
    record Result(
            Model model,
            INDArray predictions,
            History history,
            int frozenArrays,
            boolean frozenKept,
            int changedArrays,
            boolean reloadedSame) {}

    static Result run(Path file, int epochs, Path out, int verbose) throws IOException {
        // model = keras.models.load_model(file): a Keras 2 .h5 here; a Keras 3 .keras opens the same way
        Model model = Keras.load(file);
        INDArray images = inputs(file, model.inputShape());
        // model.predict(images)
        INDArray predictions = model.predict(images);

        // layer.trainable = False up to batch_normalization_2, the first block's main path, before its Add
        // (DL4J passes no gradient through a frozen batch norm, so a batch norm can be frozen only with
        // every layer before it frozen, and no merge); the rest learns four labels of our own
        Model tuned = model.freezeUpTo(FROZEN_UP_TO);
        List<INDArray> before = tuned.getWeights().stream().map(INDArray::dup).toList();
        INDArray labels = Nd4j.zeros(images.size(0), 10);
        for (int i = 0; i < images.size(0); i++) {
            labels.putScalar(i, i % 10, 1);
        }
        // model.fit(images, labels, epochs=10, batch_size=4)
        History history =
                tuned.fit(Dataset.of(images, labels), epochs(epochs).batch(4).verbose(verbose));

        // which arrays moved: the frozen ones (the first in getWeights()' order) must not have
        List<INDArray> after = tuned.getWeights();
        int frozenArrays = frozenArrays(tuned);
        boolean frozenKept = true;
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            boolean same = Arrays.equals(
                    before.get(i).dup('c').data().asFloat(),
                    after.get(i).dup('c').data().asFloat());
            if (i < frozenArrays) {
                frozenKept &= same;
            } else if (!same) {
                changed++;
            }
        }

        // model.save("tuned.keras"), and keras.saving.load_model("tuned.keras") gives it back
        Keras.save(tuned, out);
        Model reloaded = Keras.load(out);
        boolean reloadedSame = reloaded.predict(images).equals(tuned.predict(images));
        return new Result(model, predictions, history, frozenArrays, frozenKept, changed, reloadedSame);
    }

    /** How many weight arrays the layers up to {@link #FROZEN_UP_TO} hold: the summary's rows, in getWeights()' order. */
    private static int frozenArrays(Model tuned) {
        List<INDArray> weights = tuned.getWeights();
        int arrays = 0;
        for (var row : tuned.summaryTable().rows()) {
            for (long left = row.params(); left > 0; arrays++) {
                left -= weights.get(arrays).length();
            }
            if (row.name().equals(FROZEN_UP_TO)) {
                return arrays;
            }
        }
        throw new IllegalStateException("no layer " + FROZEN_UP_TO);
    }

    /** The fixture's inputs CSV ({@code <name>_inputs.csv} beside it): one example a row, in C order. */
    static INDArray inputs(Path file, long[] exampleShape) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.(h5|keras)$", "");
        List<String> rows = Files.readAllLines(file.resolveSibling(name + "_inputs.csv")).stream()
                .filter(l -> !l.isBlank())
                .toList();
        int width = rows.get(0).split(",").length;
        float[] flat = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = Float.parseFloat(cells[j]);
            }
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows.size();
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return Nd4j.create(flat, shape, 'c');
    }

    public static void main(String[] args) throws IOException {
        Args options = Args.parse(args);
        Path file = Path.of(options.value("model", FIXTURE.toString()));
        Result r = run(file, options.intValue("epochs", EPOCHS), Path.of(options.value("out", "tuned.keras")), 0);
        r.model().summary();
        System.out.println("predictions for the " + r.predictions().size(0) + " inputs of " + file.getFileName());
        for (int i = 0; i < r.predictions().size(0); i++) {
            INDArray row = r.predictions().getRow(i);
            System.out.printf(
                    "  example %d: class %d (p = %.4f)%n",
                    i, row.argMax().getInt(0), row.maxNumber().doubleValue());
        }
        List<Double> loss = r.history().loss();
        System.out.printf(
                "fine-tuned %d epochs, frozen up to %s: loss %.4f -> %.4f%n",
                loss.size(), FROZEN_UP_TO, loss.get(0), loss.get(loss.size() - 1));
        System.out.printf(
                "%d frozen weight arrays %s; %d trainable ones changed%n",
                r.frozenArrays(), r.frozenKept() ? "unchanged, bit for bit" : "CHANGED", r.changedArrays());
        System.out.println("saved " + options.value("out", "tuned.keras") + "; reloaded, it predicts "
                + (r.reloadedSame() ? "exactly as the tuned model" : "DIFFERENTLY"));
    }
}
