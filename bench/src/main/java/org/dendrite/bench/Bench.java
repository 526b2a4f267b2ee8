package org.dendrite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the benchmarks and prints their figures: {@code mvn -pl bench exec:java} runs the default
 * parts in order; {@code -Dexec.args="NAME ..."} runs the named ones ({@code kernels} always runs
 * first where a part needs OpenBLAS); {@code --repetitions N} (default 3) sets the runs each median
 * is taken of. Parts: datasets, kernels, micro, training, lstm, inference, startup (the default), and
 * graph, dashboard.
 */
public final class Bench {

    private static final List<String> DEFAULT_PARTS =
            List.of("datasets", "kernels", "micro", "training", "lstm", "inference", "startup");
    private static final List<String> OTHER_PARTS = List.of("graph", "dashboard");

    /** Steps of W4 timed (of 782 in an epoch of 25,000 sequences). */
    private static final int LSTM_STEPS = 10;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        int repetitions = 3;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repetitions")) {
                repetitions = Integer.parseInt(args[++i]);
            } else if (DEFAULT_PARTS.contains(args[i]) || OTHER_PARTS.contains(args[i])) {
                parts.add(args[i]);
            } else {
                throw new IllegalArgumentException(
                        "no bench part " + args[i] + "; parts: " + DEFAULT_PARTS + " (the default), " + OTHER_PARTS);
            }
        }
        if (parts.isEmpty()) {
            parts.addAll(DEFAULT_PARTS);
        }
        long start = System.nanoTime();
        // OpenBLAS reads its kernel family once, as ND4J loads: the choice comes before any part touches ND4J
        Optional<KernelFamilies.Side> torch =
                parts.stream().anyMatch(p -> !p.equals("datasets")) ? KernelFamilies.choose() : Optional.empty();
        System.out.println("workload | median (min–max) of " + repetitions + " after a warm-up | figures");
        for (String part : parts) {
            switch (part) {
                case "datasets" -> DatasetsBench.run(repetitions);
                case "micro" -> Comparisons.micro(torch.isPresent());
                case "training" -> TrainingBench.run(repetitions, torch);
                case "lstm" -> Comparisons.lstm(repetitions, LSTM_STEPS, torch.isPresent());
                case "inference" -> Comparisons.inference(torch.isPresent());
                case "startup" -> StartupBench.run(repetitions, torch.isPresent());
                case "graph" -> TrainingBench.graphForm(repetitions);
                case "dashboard" -> TrainingBench.dashboardCost(repetitions);
                default -> {} // kernels: done above
            }
        }
        System.out.printf("bench took %.0f s%n", (System.nanoTime() - start) / 1e9);
    }
}
