package org.dendrite;

import java.util.Random;
import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.factory.Nd4j;

/** Small seeded data sets the tests train on. */
public final class TestData {

    private TestData() {}

    /** Two well separated Gaussian blobs in 2-D, σ 0.5 around (-1.5, -1) for label 0 and (1.5, 1) for label 1; labels alternate. */
    public static Dataset blobs(int n, long seed) {
        var random = new Random(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            x[i][0] = random.nextGaussian() * 0.5 + (label == 1 ? 1.5 : -1.5);
            x[i][1] = random.nextGaussian() * 0.5 + (label == 1 ? 1.0 : -1.0);
            y[i][0] = label;
        }
        return Dataset.of(Nd4j.create(x), Nd4j.create(y));
    }

    /**
     * 80 examples of 4 standard-normal features; the label is {@code x0 > 0} for about 70% of them and a coin
     * flip for the rest (so about 15% contradict the rule): little to learn and much to memorise, so a large
     * network's validation loss soon stops improving, as the early-stopping and checkpoint tests need.
     */
    public static Dataset noisy(long seed) {
        var random = new Random(seed);
        double[][] x = new double[80][4];
        double[][] y = new double[80][1];
        for (int i = 0; i < 80; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = random.nextGaussian();
            }
            y[i][0] = random.nextDouble() < 0.7 ? (x[i][0] > 0 ? 1 : 0) : random.nextInt(2);
        }
        return Dataset.of(Nd4j.create(x), Nd4j.create(y));
    }

    /** Points in [-2, 2]² labelled 1 inside the circle of radius √2: needs a non-linear boundary. */
    public static Dataset circle(int n, long seed) {
        var random = new Random(seed);
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble() * 4 - 2;
            x[i][1] = random.nextDouble() * 4 - 2;
            y[i][0] = x[i][0] * x[i][0] + x[i][1] * x[i][1] < 2 ? 1 : 0;
        }
        return Dataset.of(Nd4j.create(x), Nd4j.create(y));
    }
}
