package org.dendrite.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Seconds taken by repeated runs of one piece of work: median, minimum and maximum, after a
 * warm-up run that is not counted; and the peak resident memory of the process during them.
 *
 * @param peakBytes -1 where unknown
 */
record Timing(double median, double min, double max, long peakBytes) {

    static Timing of(int repetitions, Callable<?> work) throws Exception {
        boolean peakMeasured = PeakMemory.reset();
        work.call();
        double[] seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            work.call();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return new Timing(seconds[repetitions / 2], seconds[0], seconds[repetitions - 1], peakMeasured ? PeakMemory.bytes() : -1);
    }

    /** E.g. {@code 0.42 GB}, or {@code ?} where unknown. */
    String peak() {
        return peakBytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f GB", peakBytes / 1e9);
    }

    /** E.g. {@code 0.412 s (0.398–0.430)}. */
    @Override
    public String toString() {
        return String.format("%.3f s (%.3f–%.3f)", median, min, max);
    }
}
