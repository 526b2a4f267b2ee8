package org.dendrite.bench;

import java.nio.file.Path;

/**
 * Runs the benchmarks and prints their figures: {@code mvn -pl bench exec:java}
 * ({@code -Dexec.args="datasets"}, {@code "training"}, {@code "graph"} or {@code "dashboard"} for one part; {@code --repetitions N}, default 5).
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        int repetitions = 5;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repetitions")) {
                repetitions = Integer.parseInt(args[++i]);
            } else {
                only = args[i];
            }
        }
        System.out.println("workload | median (min–max) | figures");
        if (only == null || only.equals("datasets")) {
            DatasetsBench.run(repetitions);
        }
        if ("graph".equals(only)) {
            TrainingBench.graphForm(repetitions);
        }
        if ("dashboard".equals(only)) {
            TrainingBench.dashboardCost(repetitions);
        }
        if (only == null || only.equals("training")) {
            TrainingBench.run(
                    repetitions, Path.of(System.getProperty("dendrite.bench.pytorch", "bench/pytorch/bench.py")));
        }
    }
}
