package org.dendrite.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Seconds taken by repeated runs of one piece of work: median, minimum and maximum, after a
 * warm-up run that is not counted.
 */
record Timing(double median, double min, double max) {

    static Timing of(int repetitions, Callable<?> work) throws Exception {
        work.call();
        double[] seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            work.call();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return new Timing(seconds[repetitions / 2], seconds[0], seconds[repetitions - 1]);
    }

    /** E.g. {@code 0.412 s (0.398–0.430)}. */
    @Override
    public String toString() {
        return String.format("%.3f s (%.3f–%.3f)", median, min, max);
    }
}
