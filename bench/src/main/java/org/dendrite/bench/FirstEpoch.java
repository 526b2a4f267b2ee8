package org.dendrite.bench;

import static org.dendrite.Dendrite.*;

/**
 * Start-up as a user meets it: a fresh JVM that trains the Pima MLP for one epoch and prints
 * {@value #DONE}; {@link StartupBench} times it from launch.
 */
public final class FirstEpoch {

    /** What it prints when the epoch is done (bench.py first-epoch prints the same). */
    static final String DONE = "first epoch done";

    private FirstEpoch() {}

    public static void main(String[] args) {
        TrainingBench.Workload w = TrainingBench.pima(1);
        w.dendrite().get().fit(w.data(), epochs(1).batch(w.batch()).verbose(0));
        System.out.println(DONE);
    }
}
