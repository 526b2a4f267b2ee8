package org.dendrite.layers;

import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/**
 * Random perturbation of the inputs during training only, as a regulariser (Keras's
 * {@code GaussianNoise}, {@code GaussianDropout}, {@code AlphaDropout}); inference passes inputs
 * through unchanged.
 *
 * @param kind  {@code GaussianNoise}: adds N(0, amount²); {@code GaussianDropout}: multiplies by
 *              N(1, amount / (1 - amount)); {@code AlphaDropout}: drops the fraction
 *              {@code amount} keeping SELU's mean and variance
 * @param amount the standard deviation (GaussianNoise) or the drop rate (the two dropouts)
 */
public record Noise(String kind, double amount) implements Layer {

    public Noise {
        boolean rate = !kind.equals("GaussianNoise");
        if (rate ? !(amount >= 0 && amount < 1) : !(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException(kind + " expects " + (rate ? "a rate in [0, 1)" : "a standard deviation ≥ 0")
                    + ", received " + amount);
        }
    }

    public static Noise gaussianNoise(double stddev) {
        return new Noise("GaussianNoise", stddev);
    }

    public static Noise gaussianDropout(double rate) {
        return new Noise("GaussianDropout", rate);
    }

    /** DL4J's {@code AlphaDropout} takes the retain probability: {@code 1 - rate}. */
    public static Noise alphaDropout(double rate) {
        return new Noise("AlphaDropout", rate);
    }

    private IDropout toDl4jNoise() {
        return switch (kind) {
            case "GaussianNoise" -> new GaussianNoise(amount);
            case "GaussianDropout" -> new GaussianDropout(amount);
            case "AlphaDropout" -> new AlphaDropout(1 - amount);
            default -> throw new IllegalStateException("unknown noise " + kind);
        };
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new DropoutLayer.Builder().dropOut(toDl4jNoise()).build();
    }

    @Override
    public String toString() {
        return kind + "(" + amount + ")";
    }
}
