package org.dendrite.bench;

import static org.dendrite.Dendrite.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dendrite.Fit;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training time, Dendrite against the same network written with raw DL4J builders, on Keras's
 * three reference workloads (W1 Pima, W2 mnist_mlp, W3 mnist_cnn), each measured in one run so
 * the ratio compares like with like. Also the time to build an initialised network.
 */
final class TrainingBench {

    private static final int W3_STEPS = 10;

    private TrainingBench() {}

    /** A workload: a name, the data, epochs and batch size, and the two ways to build its network. */
    /**
     * @param macs multiply-adds of one example's forward pass, 0 where GFLOP/s is not reported;
     *             a training step counts 6 FLOP per multiply-add (forward 2, backward about 4)
     */
    record Workload(
            String name,
            Dataset data,
            int epochs,
            int batch,
            long macs,
            Supplier<Model> dendrite,
            Supplier<MultiLayerNetwork> raw) {

        /** Achieved GFLOP/s when one run takes {@code seconds}, or NaN when not reported. */
        double gflops(double seconds) {
            return macs == 0 ? Double.NaN : 6.0 * macs * data.size() * epochs / seconds / 1e9;
        }
    }

    static Workload pima(int epochs) {
        return new Workload(
                "W1 Pima 8-12-8-1, Adam, batch 10, " + epochs + " epochs",
                Datasets.pima().split(0.8, 7).train(),
                epochs,
                10,
                0,
                () -> Sequential()
                        .dense(12, RELU, HE)
                        .dense(8, RELU)
                        .dense(1, SIGMOID)
                        .compile(adam, crossEntropy),
                RawDl4j::pima);
    }

    static Workload mnistMlp() {
        return new Workload(
                "W2 mnist_mlp, RMSprop, batch 128, 1 epoch",
                Datasets.mnist().train(),
                1,
                128,
                784 * 512 + 512 * 512 + 512 * 10,
                () -> Sequential()
                        .dense(512, RELU)
                        .dropout(0.2)
                        .dense(512, RELU)
                        .dropout(0.2)
                        .dense(10, SOFTMAX)
                        .compile(rmsprop, crossEntropy),
                RawDl4j::mnistMlp);
    }

    static Workload mnistCnn(int steps) {
        return new Workload(
                "W3 mnist_cnn, Adadelta, " + steps + " steps of 128",
                Datasets.mnist().train().take(steps * 128).asImages(),
                1,
                128,
                26 * 26 * 32 * 9 + 24 * 24 * 64 * 9 * 32 + 9216 * 128 + 128 * 10,
                () -> Sequential()
                        .input(28, 28, 1)
                        .conv2d(32, 3, RELU)
                        .conv2d(64, 3, RELU)
                        .maxPool(2)
                        .dropout(0.25)
                        .flatten()
                        .dense(128, RELU)
                        .dropout(0.5)
                        .dense(10, SOFTMAX)
                        .compile(adadelta, crossEntropy),
                RawDl4j::mnistCnn);
    }

    /** W2's network written with the functional API: the same layers as a chain of nodes. */
    static Model mnistMlpGraph() {
        var pixels = Input(784);
        var out = pixels.dense(512, RELU)
                .dropout(0.2)
                .dense(512, RELU)
                .dropout(0.2)
                .dense(10, SOFTMAX);
        return Model(pixels, out).compile(rmsprop, crossEntropy);
    }

    /**
     * W2 trained as a Sequential model and as the same layers in a functional graph, alternating
     * run by run: what DL4J's ComputationGraph costs over its MultiLayerNetwork for a chain.
     */
    static void graphForm(int repetitions) throws Exception {
        Workload w = mnistMlp();
        Fit fit = epochs(w.epochs()).batch(w.batch()).verbose(0);
        List<Timing> t = Timing.interleaved(
                repetitions, List.of(() -> w.dendrite().get().fit(w.data(), fit), () -> mnistMlpGraph()
                        .fit(w.data(), fit)));
        System.out.printf(
                "W2 as a functional graph | Sequential %s | graph %s | graph / Sequential %.3f (target ≤ 1.05)%n",
                t.get(0), t.get(1), t.get(1).median() / t.get(0).median());
    }

    /**
     * W1 and W2 trained with and without the live dashboard (its server running, no page polling),
     * alternating run by run: what watching training costs.
     */
    static void dashboardCost(int repetitions) throws Exception {
        for (Workload w : List.of(pima(150), mnistMlp())) {
            Fit fit = epochs(w.epochs()).batch(w.batch()).verbose(0);
            List<Timing> t = Timing.interleaved(
                    repetitions, List.of(() -> w.dendrite().get().fit(w.data(), fit), () -> w.dendrite()
                            .get()
                            .fit(w.data(), fit.callbacks(dashboard()))));
            System.out.printf(
                    "%s with the dashboard | without %s | with %s | with / without %.3f (target ≤ 1.05)%n",
                    w.name(), t.get(0), t.get(1), t.get(1).median() / t.get(0).median());
        }
    }

    /** W1, W2 or W3, loading only the data it needs. */
    static Workload workload(String name) {
        return switch (name) {
            case "W1" -> pima(150);
            case "W2" -> mnistMlp();
            case "W3" -> mnistCnn(W3_STEPS);
            default -> throw new IllegalArgumentException("no workload " + name + "; W1, W2 or W3");
        };
    }

    /** Dendrite's and raw DL4J's timings of one workload, measured in the same run. */
    record Comparison(Timing dendrite, Timing raw) {
        double ratio() {
            return dendrite.median() / raw.median();
        }
    }

    /** Times both sides in alternating runs, a fresh network per run. */
    static Comparison measure(Workload w, int repetitions) throws Exception {
        List<Timing> t = Timing.interleaved(
                repetitions,
                List.of(
                        () -> w.dendrite()
                                .get()
                                .fit(
                                        w.data(),
                                        epochs(w.epochs()).batch(w.batch()).verbose(0)),
                        () -> {
                            RawDl4j.fit(w.raw().get(), w.data().toDataSet(), w.epochs(), w.batch());
                            return null;
                        }));
        return new Comparison(t.get(0), t.get(1));
    }

    private static Timing compare(Workload w, int repetitions) throws Exception {
        Comparison c = measure(w, repetitions);
        System.out.printf(
                "%s | Dendrite %s | raw DL4J %s | Dendrite / raw %.3f (target ≤ 1.02)%s%n",
                w.name(),
                c.dendrite(),
                c.raw(),
                c.ratio(),
                w.macs() == 0
                        ? ""
                        : String.format("; %.1f GFLOP/s", w.gflops(c.dendrite().median())));
        return c.dendrite();
    }

    /** GFLOP/s of one 2048 × 2048 single-precision matrix product: the machine's practical peak. */
    static double sgemmGflops(int repetitions) throws Exception {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2048, 2048);
        INDArray b = Nd4j.rand(DataType.FLOAT, 2048, 2048);
        INDArray c = Nd4j.create(DataType.FLOAT, 2048, 2048);
        Timing t = Timing.of(repetitions, () -> a.mmuli(b, c));
        double gflops = 2.0 * 2048 * 2048 * 2048 / t.median() / 1e9;
        System.out.printf(
                "SGEMM 2048², ND4J | %s | %.0f GFLOP/s (the peak the GFLOP/s below compare with)%n", t, gflops);
        return gflops;
    }

    /** Targets of issue 20, Dendrite / the headline PyTorch column. */
    private static final Map<String, String> TARGETS = Map.of("W1", "≤ 1.5", "W2", "≤ 1.2", "W3", "≤ 1.0");

    /**
     * W1–W3 against raw DL4J, then against PyTorch (with its fastest correct kernel family, and as
     * installed) and DJL, then each one's peak memory.
     */
    static void run(int repetitions, Optional<KernelFamilies.Side> torch) throws Exception {
        sgemmGflops(repetitions);
        Map<String, Workload> workloads = new LinkedHashMap<>();
        List.of("W1", "W2", "W3").forEach(name -> workloads.put(name, workload(name)));
        Map<String, Timing> ours = new LinkedHashMap<>();
        for (String name : workloads.keySet()) {
            ours.put(name, compare(workloads.get(name), repetitions));
        }
        Timing build = Timing.of(repetitions, () -> mnistCnn(1).dendrite().get().network());
        System.out.printf("build mnist_cnn: Sequential → initialised network | %s |%n", build);
        String pima = PyTorchSide.pimaCsv().toString();
        String steps = Integer.toString(W3_STEPS);
        List<Map<String, Timing>> pytorch = torch.isPresent()
                ? PyTorchSide.interleaved(
                        List.of(KernelFamilies.forPyTorch(), Optional.empty()),
                        repetitions,
                        "train",
                        pima,
                        PyTorchSide.mnistDir(),
                        "1",
                        steps)
                : List.of(Map.of(), Map.of());
        Map<String, Timing> best = pytorch.get(0);
        Map<String, Timing> installed = pytorch.get(1);
        Map<String, double[]> djlFigures =
                DjlSide.figures("train", pima, PyTorchSide.mnistDir(), Integer.toString(repetitions), steps);
        Map<String, Timing> djl = new LinkedHashMap<>();
        djlFigures.forEach((name, f) -> {
            djl.put(name, new Timing(f[0], f[1], f[2]));
            System.out.printf(
                    "%s on DJL, its last run: loss %.3f at the first step, %.3f at the last; accuracy on its data after %.3f%n",
                    name, f[3], f[4], f[5]);
        });
        for (String name : workloads.keySet()) {
            Workload w = workloads.get(name);
            System.out.printf(
                    "%s | Dendrite (%s) %s%s | %s | %s | %s%n",
                    w.name(),
                    Columns.dendriteFamily(),
                    ours.get(name),
                    gflops(w, ours.get(name)),
                    Columns.against("PyTorch (" + Columns.pytorchFamily(torch) + ")", ours.get(name), best.get(name))
                            + gflops(w, best.get(name)) + " (target " + TARGETS.get(name) + ")",
                    Columns.against(
                            "PyTorch as installed ("
                                    + torch.map(t -> t.asInstalled().ran()).orElse("-") + ")",
                            ours.get(name),
                            installed.get(name)),
                    Columns.against("DJL 0.36 (PyTorch 2.7.1)", ours.get(name), djl.get(name)) + " (target ≤ 1.0)");
        }
        Map<String, String> memoryTargets = Map.of("W1", " (target ≤ 0.4 GB)", "W2", "", "W3", "");
        for (String name : workloads.keySet()) {
            System.out.printf(
                    "%s peak resident memory, one run in a fresh process | Dendrite %s%s | PyTorch %s%n",
                    name,
                    PeakMemory.format(PeakMemory.ofFreshRun(name)),
                    memoryTargets.get(name),
                    torch.isPresent() ? PeakMemory.format(PyTorchSide.peak(name, W3_STEPS)) : "skipped");
        }
    }

    private static String gflops(Workload w, Timing t) {
        return w.macs() == 0 || t == null ? "" : String.format(", %.1f GFLOP/s", w.gflops(t.median()));
    }
}
