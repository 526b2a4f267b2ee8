package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import java.nio.file.Path;
import org.dendrite.Model;
import org.dendrite.datasets.Datasets;

/**
 * Keras's "first neural network" tutorial: predict the onset of diabetes from eight medical
 * measurements with a 12-8-1 network, 150 epochs in batches of 10.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java}.
 * Arguments: {@code --epochs N} (default 150), {@code --verbose 0|1|2} (default 2).
 */
public final class PimaTutorial {

    public static void main(String[] args) throws Exception {
        var options = Args.parse(args);
        int epochs = options.intValue("epochs", 150);
        int verbose = options.intValue("verbose", 2);

        var data = Datasets.pima(); // 768 rows, 8 features, 0/1 label
        var parts = data.split(0.8, 7); // seeded shuffle, 80% train / 20% test
        System.out.println("train " + parts.train());
        System.out.println("test  " + parts.test());

        var model = Sequential()
                .dense(12, RELU, HE)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy, accuracy);

        long start = System.nanoTime();
        var history = model.fit(parts.train(), epochs(epochs).batch(10).verbose(verbose));
        double seconds = (System.nanoTime() - start) / 1e9;

        model.summary();
        var test = model.evaluate(parts.test());
        System.out.printf(
                "trained %d epochs in %.1f s (%.2f ms per step)%n",
                history.epochs(),
                seconds,
                1000 * seconds / (history.epochs() * Math.ceil(parts.train().size() / 10.0)));
        System.out.printf("test accuracy: %.2f%% (loss %.4f)%n", 100 * test.accuracy(), test.loss());

        Path file = Path.of("pima.zip");
        model.save(file);
        var same = Model.load(file);
        boolean identical = same.predict(parts.test().features())
                .equals(model.predict(parts.test().features()));
        System.out.println("saved to " + file.toAbsolutePath() + "; reloaded model predicts identically: " + identical);
    }
}
