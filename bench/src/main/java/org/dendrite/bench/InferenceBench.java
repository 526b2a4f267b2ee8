package org.dendrite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dendrite.Model;
import org.dendrite.datasets.Datasets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * W5, inference: {@code predict} on one example at a time (latency, p50 and p99) and on batches of
 * 1,024 (examples per second), for the Pima MLP and mnist_cnn. PyTorch runs the same models in
 * {@code no_grad} eval ({@code bench.py infer}), DJL in {@link DjlBench}.
 */
final class InferenceBench {

    static final int BATCH = 1024;

    /**
     * One-example calls each side makes before its latency is timed, cycling through the timed
     * examples: enough for the JVM sides' JIT to finish compiling the path (mnist_cnn's p99 stayed
     * at 4–7 ms while it compiled, about 10,000 calls here, and fell to 0.5–0.7 ms after).
     */
    static final int WARM_UP = 10_000;

    private InferenceBench() {}

    /** p50 and p99 seconds of one example, examples per second in batches of 1,024. */
    record Figures(double p50, double p99, double examplesPerSecond) {

        static Figures of(double[] f) {
            return new Figures(f[0], f[1], f[2]);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "p50 %.0f µs, p99 %.0f µs, %,.0f examples/s", p50 * 1e6, p99 * 1e6, examplesPerSecond);
        }
    }

    /** "pima" and "cnn" → Dendrite's figures. */
    static Map<String, Figures> dendrite() throws Exception {
        Map<String, Figures> figures = new LinkedHashMap<>();
        figures.put(
                "pima",
                measure(TrainingBench.pima(1).dendrite().get(), Datasets.pima().features(), 2000));
        figures.put(
                "cnn",
                measure(
                        TrainingBench.mnistCnn(1).dendrite().get(),
                        Datasets.mnist().train().take(BATCH).asImages().features(),
                        300));
        return figures;
    }

    private static Figures measure(Model model, INDArray examples, int singles) throws Exception {
        List<INDArray> rows = new ArrayList<>();
        for (int i = 0; i < singles; i++) {
            long row = i % examples.size(0);
            rows.add(examples.get(NDArrayIndex.interval(row, row + 1)).dup());
        }
        for (int i = 0; i < WARM_UP; i++) {
            model.predict(rows.get(i % singles));
        }
        double[] seconds = new double[singles];
        for (int i = 0; i < singles; i++) {
            long start = System.nanoTime();
            model.predict(rows.get(i));
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        INDArray batch = firstRows(examples, BATCH);
        Timing t = Timing.perCall(5, 0.2, () -> model.predict(batch)); // loops of ~0.2 s, as on every side
        return new Figures(seconds[singles / 2], seconds[(int) (singles * 0.99)], BATCH / t.median());
    }

    /** The first {@code n} examples, the data repeated where it has fewer. */
    private static INDArray firstRows(INDArray examples, int n) {
        INDArray[] copies = new INDArray[(int) ((n + examples.size(0) - 1) / examples.size(0))];
        Arrays.fill(copies, examples);
        return Nd4j.concat(0, copies).get(NDArrayIndex.interval(0, n)).dup();
    }
}
