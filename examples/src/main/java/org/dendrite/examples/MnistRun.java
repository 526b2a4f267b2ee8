package org.dendrite.examples;

import java.nio.file.Path;
import org.dendrite.Fit;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Mnist;

/**
 * What the two MNIST examples share: the options {@code --epochs N}, {@code --limit N} (train on
 * the first N training images only), {@code --data DIR} (any MNIST-format folder, e.g.
 * Fashion-MNIST) and {@code --verbose}, and the report of test accuracy and time per epoch.
 */
record MnistRun(Dataset train, Dataset test, int epochs, int verbose) {

    /** @param accuracy on the 10,000 test images */
    record Report(double accuracy, double loss, double secondsPerEpoch, int epochs) {
        @Override
        public String toString() {
            return String.format(
                    "test accuracy %.2f%% (loss %.4f) after %d epoch%s, %.1f s per epoch",
                    100 * accuracy, loss, epochs, epochs == 1 ? "" : "s", secondsPerEpoch);
        }
    }

    static MnistRun parse(Args options, int defaultEpochs) {
        return parse(options, defaultEpochs, Integer.MAX_VALUE);
    }

    /** As {@link #parse(Args, int)}, training on the first {@code defaultLimit} images unless {@code --limit} is given. */
    static MnistRun parse(Args options, int defaultEpochs, int defaultLimit) {
        String folder = options.value("data", null);
        Mnist mnist = folder == null ? Datasets.mnist() : Datasets.mnist(Path.of(folder));
        int limit = options.intValue("limit", defaultLimit); // take(n) stops at the last image
        return new MnistRun(
                mnist.train().take(limit),
                mnist.test(),
                options.intValue("epochs", defaultEpochs),
                options.intValue("verbose", 1));
    }

    MnistRun asImages() {
        return new MnistRun(train.asImages(), test.asImages(), epochs, verbose);
    }

    Report fit(Model model, int batchSize) {
        long start = System.nanoTime();
        var history =
                model.fit(train, Fit.defaults().epochs(epochs).batch(batchSize).verbose(verbose));
        double seconds = (System.nanoTime() - start) / 1e9;
        var evaluation = model.evaluate(test);
        return new Report(evaluation.accuracy(), evaluation.loss(), seconds / history.epochs(), history.epochs());
    }
}
