package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.util.List;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Normalizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A "wide and deep" network (Cheng et al. 2016, as Géron builds it with Keras's functional API)
 * on the Pima diabetes data: four measurements go straight to the output with no hidden layer (the
 * wide path, which can keep simple rules), all eight go through the Pima tutorial's 12-8 ReLU
 * layers (the deep path), and the two meet in one sigmoid unit. Both inputs are standardised with
 * statistics of the training part only. The baseline is the tutorial's plain 12-8-1 MLP, trained
 * for the same epochs on the same split and the same standardised rows (the tutorial itself feeds
 * it unscaled ones), so that only the architecture differs.
 *
 * <p>Keras:
 * <pre>{@code
 * wide = keras.Input(shape=[4], name="wide")
 * deep = keras.Input(shape=[8], name="deep")
 * hidden1 = keras.layers.Dense(12, activation="relu", kernel_initializer="he_normal")(deep)
 * hidden2 = keras.layers.Dense(8, activation="relu")(hidden1)
 * concat = keras.layers.concatenate([wide, hidden2])
 * output = keras.layers.Dense(1, activation="sigmoid")(concat)
 * model = keras.Model(inputs=[wide, deep], outputs=[output])
 * model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
 * model.fit((x_train_wide, x_train_deep), y_train, epochs=150, batch_size=10)
 * }</pre>
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.WideAndDeepPima}.
 * Arguments: {@code --epochs N} (default 150).
 */
public final class WideAndDeepPima {

    /** The wide path's columns: glucose, BMI, diabetes pedigree, age. */
    static final int[] WIDE = {1, 5, 6, 7};

    static final int EPOCHS = 150;

    /**
     * @param model       the trained wide and deep model
     * @param accuracy    its accuracy on the held-out 20%
     * @param mlpAccuracy the tutorial's MLP's accuracy on the same 20%
     * @param seconds     the time the wide and deep model took to train
     * @param mlpSeconds  the time the MLP took to train
     */
    record Result(Model model, double accuracy, double mlpAccuracy, double seconds, double mlpSeconds) {}

    /** The wide and deep model, compiled. */
    static Model model() {
        var wide = Input(WIDE.length).named("wide"); // wide = keras.Input(shape=[4], name="wide")
        var deep = Input(8).named("deep"); // deep = keras.Input(shape=[8], name="deep")
        var hidden = deep.dense(12, RELU, HE) // Dense(12, activation="relu", kernel_initializer="he_normal")(deep)
                .dense(8, RELU); // Dense(8, activation="relu")(hidden1)
        var concat = concatenate(wide, hidden); // keras.layers.concatenate([wide, hidden2])
        var output = concat.dense(1, SIGMOID); // Dense(1, activation="sigmoid")(concat)
        return Model(List.of(wide, deep), List.of(output)) // keras.Model(inputs=[wide, deep], outputs=[output])
                .compile(adam, crossEntropy, accuracy);
    }

    /** The Pima tutorial's 12-8-1 network, the baseline. */
    static Model mlp() {
        return Sequential().dense(12, RELU, HE).dense(8, RELU).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
    }

    /** Scaled Pima rows as the model takes them: the wide columns as input 0, all eight as input 1. */
    static Dataset wideAndDeep(Dataset scaled) {
        INDArray x = scaled.features();
        return Dataset.of(List.of(x.getColumns(WIDE), x), List.of(scaled.labels()));
    }

    static Result run(int epochs, int verbose) {
        var parts = Datasets.pima().split(0.8, 7); // the tutorial's split: 614 to train, 154 to test
        // StandardScaler().fit(x_train): the Normalizer takes one feature array, so scale all eight
        // columns first and cut the wide input out of the scaled rows afterwards.
        var scaler = Normalizer.standardize().fit(parts.train());
        Dataset train = scaler.apply(parts.train());
        Dataset test = scaler.apply(parts.test());

        long start = System.nanoTime();
        Model model = model();
        model.fit(wideAndDeep(train), epochs(epochs).batch(10).verbose(verbose)); // model.fit((x_wide, x_deep), y, ...)
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = model.evaluate(wideAndDeep(test)).accuracy(); // model.evaluate((x_wide, x_deep), y_test)

        start = System.nanoTime();
        Model mlp = mlp(); // the baseline sees the same scaled rows, all eight in its one input
        mlp.fit(train, epochs(epochs).batch(10).verbose(verbose));
        double mlpSeconds = (System.nanoTime() - start) / 1e9;
        double mlpAccuracy = mlp.evaluate(test).accuracy();
        return new Result(model, accuracy, mlpAccuracy, seconds, mlpSeconds);
    }

    public static void main(String[] args) {
        int epochs = Args.parse(args).intValue("epochs", EPOCHS);
        Result result = run(epochs, 0);
        result.model().summary();
        System.out.printf(
                "wide and deep: test accuracy %.2f%% (trained in %.1f s)%n", 100 * result.accuracy(), result.seconds());
        System.out.printf(
                "plain MLP:     test accuracy %.2f%% (trained in %.1f s)%n",
                100 * result.mlpAccuracy(), result.mlpSeconds());
        System.out.printf(
                "both trained %d epochs in batches of 10 on the same 614 standardised rows, tested on the same 154%n",
                epochs);
    }
}
