package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import org.dendrite.Model;

/**
 * Keras's {@code mnist_cnn} example: conv 32 3×3 relu → conv 64 3×3 relu → max-pool 2 → dropout
 * 0.25 → flatten → dense 128 relu → dropout 0.5 → 10 softmax, Adadelta, batch 128, 12 epochs.
 * Keras reports 99.25% test accuracy; it has 1,199,882 parameters.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.MnistCnn -Dexec.args="--epochs 1 --limit 12000"}
 * for a quick look (the full 12 epochs took 30 minutes on two cores: 99.18%). {@code --model compact} trains
 * the tutorials' smaller conv + max-pool net instead, about twenty times cheaper per image.
 */
public final class MnistCnn {

    static Model model() {
        return Sequential()
                .input(28, 28, 1)
                .conv2d(32, 3, RELU)
                .conv2d(64, 3, RELU)
                .maxPool(2)
                .dropout(0.25)
                .flatten()
                .dense(128, RELU)
                .dropout(0.5)
                .dense(10, SOFTMAX)
                .compile(adadelta, crossEntropy, accuracy);
    }

    /** The tutorials' conv + max-pool net: two small conv/pool stages and a softmax, trained with Adam. */
    static Model compact() {
        return compact(10);
    }

    /** The compact net with a softmax over {@code classes} (a subset of the digits, as in TransferDigits). */
    static Model compact(int classes) {
        return Sequential()
                .input(28, 28, 1)
                .conv2d(16, 3, RELU)
                .maxPool(2)
                .conv2d(32, 3, RELU)
                .maxPool(2)
                .flatten()
                .dense(classes, SOFTMAX)
                .compile(adam, crossEntropy, accuracy);
    }

    public static void main(String[] args) {
        Args options = Args.parse(args);
        MnistRun run = MnistRun.parse(options, 12).asImages();
        String choice = options.value("model", "keras");
        Model model =
                switch (choice) {
                    case "keras" -> model();
                    case "compact" -> compact();
                    default -> throw new IllegalArgumentException(
                            "--model is keras or compact, got \"" + choice + "\"");
                };
        model.summary();
        System.out.println("train " + run.train() + "\ntest  " + run.test());
        System.out.println(run.fit(model, 128) + " (Keras reports 99.25% after 12 epochs)");
    }
}
