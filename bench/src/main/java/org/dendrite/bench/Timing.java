package org.dendrite.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Seconds taken by repeated runs of one piece of work: median, minimum and maximum, after a
 * warm-up run that is not counted.
 */
record Timing(double median, double min, double max) {

    static Timing of(int repetitions, Callable<?> work) throws Exception {
        return interleaved(repetitions, List.of(work)).get(0);
    }

    /**
     * Timings of several pieces of work measured in rounds, one run of each per round, the order
     * reversed every other round: drift in the machine's speed, and the garbage one run leaves for
     * the next to collect, fall on all of them alike.
     */
    static List<Timing> interleaved(int repetitions, List<Callable<?>> works) throws Exception {
        for (Callable<?> work : works) {
            work.call();
        }
        double[][] seconds = new double[works.size()][repetitions];
        for (int round = 0; round < repetitions; round++) {
            for (int i = 0; i < works.size(); i++) {
                int next = round % 2 == 0 ? i : works.size() - 1 - i;
                long start = System.nanoTime();
                works.get(next).call();
                seconds[next][round] = (System.nanoTime() - start) / 1e9;
            }
        }
        return Arrays.stream(seconds).map(Timing::of).toList();
    }

    /**
     * Seconds per call of a small piece of work: after a warm-up, loops sized to about
     * {@code targetSeconds} each, {@code rounds} of them, median, minimum and maximum.
     */
    static Timing perCall(int rounds, double targetSeconds, Callable<?> work) throws Exception {
        work.call();
        long calls = 1;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 50_000_000L) {
            work.call();
            calls++;
        }
        long n = Math.max(1, (long) (calls * targetSeconds * 1e9 / (System.nanoTime() - start)));
        double[] seconds = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long t = System.nanoTime();
            for (long i = 0; i < n; i++) {
                work.call();
            }
            seconds[round] = (System.nanoTime() - t) / 1e9 / n;
        }
        return of(seconds);
    }

    /** Median, minimum and maximum of measured seconds (sorts them). */
    static Timing of(double[] seconds) {
        Arrays.sort(seconds);
        return new Timing(seconds[seconds.length / 2], seconds[0], seconds[seconds.length - 1]);
    }

    /** E.g. {@code 0.412 s (0.398–0.430)}. */
    @Override
    public String toString() {
        return String.format("%.3f s (%.3f–%.3f)", median, min, max);
    }
}
