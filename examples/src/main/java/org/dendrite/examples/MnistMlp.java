package org.dendrite.examples;

import static org.dendrite.Dendrite.*;

import org.dendrite.Model;

/**
 * Keras's {@code mnist_mlp} example: 784 → 512 relu → dropout 0.2 → 512 relu → dropout 0.2 → 10
 * softmax, RMSprop, batch 128, 20 epochs. Keras reports 98.40% test accuracy.
 *
 * <p>Run: {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.dendrite.examples.MnistMlp -Dexec.args="--epochs 20"}
 * (also {@code --limit N}, {@code --data DIR}).
 */
public final class MnistMlp {

    static Model model() {
        return Sequential()
                .dense(512, RELU)
                .dropout(0.2)
                .dense(512, RELU)
                .dropout(0.2)
                .dense(10, SOFTMAX)
                .compile(rmsprop, crossEntropy, accuracy);
    }

    public static void main(String[] args) {
        MnistRun run = MnistRun.parse(Args.parse(args), 20);
        Model model = model();
        System.out.println("train " + run.train() + "\ntest  " + run.test());
        MnistRun.Report report = run.fit(model, 128);
        model.summary();
        System.out.println(report + " (Keras reports 98.40% after 20 epochs)");
    }
}
