package org.dendrite.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The micro table, W4 and W5: Dendrite's figure beside PyTorch's (its fastest correct kernel
 * family) and DJL's, measured one side after the other in one run.
 */
final class Comparisons {

    private Comparisons() {}

    /** Single operations, ND4J / PyTorch / DJL, seconds per call. */
    static void micro(boolean torch) throws Exception {
        Map<String, Timing> nd4j = MicroBench.nd4j();
        Map<String, Timing> pytorch = torch ? PyTorchSide.timings(KernelFamilies.forPyTorch(), "micro") : Map.of();
        Map<String, Timing> djl = DjlSide.timings("micro");
        for (String name : nd4j.keySet()) {
            Timing ours = nd4j.get(name);
            System.out.printf(
                    "micro %s, one op, allocating its result | ND4J %s | PyTorch %s%s | DJL %s%s%n",
                    name,
                    MicroBench.format(name, ours),
                    pytorch.containsKey(name) ? MicroBench.format(name, pytorch.get(name)) : "skipped",
                    ratio(ours, pytorch.get(name)),
                    djl.containsKey(name) ? MicroBench.format(name, djl.get(name)) : "skipped",
                    ratio(ours, djl.get(name)));
        }
    }

    /** W4: seconds per epoch of 25,000 sequences, extrapolated from {@code steps} timed steps on each side. */
    static void lstm(int repetitions, int steps, boolean torch) throws Exception {
        Timing ours = LstmBench.dendrite(repetitions, steps);
        String[] arguments = {Integer.toString(repetitions), Integer.toString(steps)};
        double[] pytorch = torch
                ? PyTorchSide.figures(KernelFamilies.forPyTorch(), "lstm", arguments)
                        .get("W4")
                : null;
        double[] djl = DjlSide.figures("lstm", arguments).get("W4");
        System.out.printf(
                "W4 imdb_lstm shape: Embedding(20000, 128) → LSTM(128) → Dense(1), Adam, batch 32; %d steps timed, "
                        + "× %d/%d for an epoch of 25,000 | Dendrite %s for %d steps, %.0f s/epoch | %s (target ≤ 1.5) | %s%n",
                steps,
                LstmBench.EPOCH_STEPS,
                steps,
                ours,
                steps,
                LstmBench.epochSeconds(ours, steps),
                lstmPeer("PyTorch", ours, steps, pytorch),
                lstmPeer("DJL", ours, steps, djl));
    }

    private static String lstmPeer(String name, Timing ours, int steps, double[] f) {
        return f == null
                ? name + " skipped"
                : String.format(
                        Locale.ROOT,
                        "%s %.0f s/epoch, Dendrite / that %.2f (loss %.3f at its first step, %.3f at its last)",
                        name,
                        f[0] / steps * LstmBench.EPOCH_STEPS,
                        ours.median() / f[0],
                        f[3],
                        f[4]);
    }

    /** W5: latency and throughput of predict, per model, on each side. */
    static void inference(boolean torch) throws Exception {
        Map<String, InferenceBench.Figures> ours = InferenceBench.dendrite();
        String[] arguments = {PyTorchSide.pimaCsv().toString(), PyTorchSide.mnistDir()};
        Map<String, double[]> pytorch =
                torch ? PyTorchSide.figures(KernelFamilies.forPyTorch(), "infer", arguments) : Map.of();
        Map<String, double[]> djl = DjlSide.figures("infer", arguments);
        for (String name : ours.keySet()) {
            InferenceBench.Figures d = ours.get(name);
            System.out.printf(
                    "W5 inference, %s | Dendrite predict %s | %s | %s%n",
                    name.equals("pima") ? "Pima MLP" : "mnist_cnn",
                    d,
                    peer("PyTorch no_grad eval", d, pytorch.get(name)),
                    peer("DJL", d, djl.get(name)));
        }
    }

    private static String peer(String name, InferenceBench.Figures ours, double[] figures) {
        if (figures == null) {
            return name + " skipped";
        }
        InferenceBench.Figures theirs = InferenceBench.Figures.of(figures);
        return String.format(
                Locale.ROOT,
                "%s %s; Dendrite / that: latency p50 %.2f, p99 %.2f (target ≤ 1.0), time per example in batches %.2f (target ≤ 1.2)",
                name,
                theirs,
                ours.p50() / theirs.p50(),
                ours.p99() / theirs.p99(),
                theirs.examplesPerSecond() / ours.examplesPerSecond());
    }

    private static String ratio(Timing ours, Timing theirs) {
        return theirs == null ? "" : String.format(Locale.ROOT, ", ND4J / that %.1f", ours.median() / theirs.median());
    }
}
