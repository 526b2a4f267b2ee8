package org.dendrite.internal.training;

import java.util.Locale;

/**
 * Notices training that has diverged while its loss stays finite, which the NaN check cannot see:
 * an epoch's loss far above the best so far (a learning rate far too large, a schedule jumping up),
 * or weights grown to sizes no working network has while the loss makes no progress (large
 * targets can need large weights, but then the loss keeps falling). Either ends the run: the first
 * with the weights of the epoch before, the second with those of the last epoch whose weights were
 * still within bounds (0: the initial ones).
 */
final class Divergence {

    /** How far above the best epoch's loss (at least {@value #LOSS_FLOOR}) an epoch's loss may go. */
    static final double LOSS_RATIO = 100;
    /** Below this, losses are all "small": a rise from 0.001 to 0.05 is noise, not divergence. */
    static final double LOSS_FLOOR = 0.1;
    /** Weights beyond this, with no progress in the loss, mean divergence. */
    static final double LARGEST_WEIGHT = 1e6;

    /** Why training diverged, and which epoch's weights to keep. */
    record Verdict(String reason, int keepEpoch) {}

    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int saneEpoch;

    /** Whether training has diverged at the end of {@code epoch}; null while it has not. */
    Verdict check(int epoch, double loss, double largestWeight) {
        Verdict verdict = null;
        if (loss > LOSS_RATIO * Math.max(best, LOSS_FLOOR)) {
            verdict = verdict(
                    String.format(
                            Locale.ROOT,
                            "the loss %.4g at epoch %d is over %.0f× the best so far (%.4g at" + " epoch %d)",
                            loss,
                            epoch,
                            LOSS_RATIO,
                            best,
                            bestEpoch),
                    epoch - 1);
        } else if (largestWeight > LARGEST_WEIGHT && loss >= best) {
            verdict = verdict(
                    String.format(
                            Locale.ROOT,
                            "a weight reached %.3g at epoch %d while the loss (%.4g) made no"
                                    + " progress on epoch %d's (%.4g)",
                            largestWeight,
                            epoch,
                            loss,
                            bestEpoch,
                            best),
                    saneEpoch);
        }
        if (loss < best) {
            best = loss;
            bestEpoch = epoch;
        }
        if (largestWeight <= LARGEST_WEIGHT) {
            saneEpoch = epoch;
        }
        return verdict;
    }

    /** The last epoch whose weights were within bounds (0: the initial ones); the trainer keeps a copy of them. */
    int saneEpoch() {
        return saneEpoch;
    }

    private static Verdict verdict(String reason, int keep) {
        return new Verdict(
                "training diverged: " + reason + "; training stopped, weights of epoch " + keep
                        + (keep == 0 ? " (the initial ones)" : "") + " kept (try a smaller learning rate)",
                keep);
    }
}
