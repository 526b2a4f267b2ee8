package org.dendrite.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.dendrite.Fit;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import static org.dendrite.Dendrite.*;

/**
 * Training time, Dendrite against the same network written with raw DL4J builders, on Keras's
 * three reference workloads (W1 Pima, W2 mnist_mlp, W3 mnist_cnn), each measured in one run so
 * the ratio compares like with like. Also the time to build an initialised network.
 */
final class TrainingBench {

    private TrainingBench() {
    }

    /** A workload: a name, the data, epochs and batch size, and the two ways to build its network. */
    record Workload(String name, Dataset data, int epochs, int batch, Supplier<Model> dendrite, Supplier<MultiLayerNetwork> raw) {
    }

    static Workload pima(int epochs) {
        return new Workload("W1 Pima 8-12-8-1, Adam, batch 10, " + epochs + " epochs", Datasets.pima().split(0.8, 7).train(), epochs, 10,
                () -> Sequential().dense(12, RELU, HE).dense(8, RELU).dense(1, SIGMOID).compile(adam, crossEntropy), RawDl4j::pima);
    }

    static Workload mnistMlp() {
        return new Workload("W2 mnist_mlp, RMSprop, batch 128, 1 epoch", Datasets.mnist().train(), 1, 128,
                () -> Sequential().dense(512, RELU).dropout(0.2).dense(512, RELU).dropout(0.2).dense(10, SOFTMAX)
                        .compile(rmsprop, crossEntropy), RawDl4j::mnistMlp);
    }

    static Workload mnistCnn(int steps) {
        return new Workload("W3 mnist_cnn, Adadelta, " + steps + " steps of 128", Datasets.mnist().train().take(steps * 128).asImages(), 1, 128,
                () -> Sequential().input(28, 28, 1).conv2d(32, 3, RELU).conv2d(64, 3, RELU).maxPool(2).dropout(0.25).flatten()
                        .dense(128, RELU).dropout(0.5).dense(10, SOFTMAX).compile(adadelta, crossEntropy), RawDl4j::mnistCnn);
    }

    /** Dendrite's and raw DL4J's timings of one workload, measured in the same run. */
    record Comparison(Timing dendrite, Timing raw) {
        double ratio() {
            return dendrite.median() / raw.median();
        }
    }

    /** Times both sides, a fresh network per run. */
    static Comparison measure(Workload w, int repetitions) throws Exception {
        Timing raw = Timing.of(repetitions, () -> {
            RawDl4j.fit(w.raw().get(), w.data().toDataSet(), w.epochs(), w.batch());
            return null;
        });
        Timing dendrite = Timing.of(repetitions, () -> w.dendrite().get().fit(w.data(), Fit.epochs(w.epochs()).batch(w.batch()).verbose(0)));
        return new Comparison(dendrite, raw);
    }

    private static Timing compare(Workload w, int repetitions) throws Exception {
        Comparison c = measure(w, repetitions);
        System.out.printf("%s | Dendrite %s | raw DL4J %s | Dendrite / raw %.3f (target ≤ 1.02)%n", w.name(), c.dendrite(), c.raw(), c.ratio());
        return c.dendrite();
    }

    /** W1–W3 against raw DL4J, then against PyTorch where it is installed. */
    static void run(int repetitions, Path pytorchScript) throws Exception {
        int w3Steps = 10;
        Map<String, Timing> ours = new LinkedHashMap<>();
        ours.put("W1", compare(pima(150), repetitions));
        ours.put("W2", compare(mnistMlp(), repetitions));
        ours.put("W3", compare(mnistCnn(w3Steps), repetitions));
        Timing build = Timing.of(repetitions, () -> mnistCnn(1).dendrite().get().network());
        System.out.printf("build mnist_cnn: Sequential → initialised network | %s |%n", build);
        Map<String, Timing> torch = PyTorchSide.run(pytorchScript, repetitions, w3Steps);
        Map<String, String> targets = Map.of("W1", "≤ 2.0", "W2", "≤ 1.0", "W3", "≤ 2.0");
        torch.forEach((name, timing) -> System.out.printf("%s PyTorch 1.13 | %s | Dendrite / PyTorch %.2f (target %s)%n", name, timing,
                ours.get(name).median() / timing.median(), targets.get(name)));
    }
}
