package org.dendrite.bench;

import static org.dendrite.Dendrite.*;

import java.util.Random;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.nd4j.linalg.factory.Nd4j;

/**
 * W4, Keras's imdb_lstm shape: Embedding(20000, 128) → LSTM(128) → Dense(1, sigmoid), Adam,
 * sequences of 80 tokens, batch 32, on synthetic reviews whose label is learnable (8 tokens planted
 * from a "positive" or a "negative" range). A full epoch of 25,000 sequences is 782 steps; the bench
 * times {@code steps} of them and extrapolates, on every side alike.
 */
final class LstmBench {

    static final int VOCABULARY = 20_000;
    static final int LENGTH = 80;
    static final int BATCH = 32;
    static final int EPOCH_STEPS = (25_000 + BATCH - 1) / BATCH;

    private LstmBench() {}

    static Model model() {
        return Sequential()
                .input(LENGTH)
                .embedding(VOCABULARY, 128)
                .lstm(128)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy);
    }

    /** Synthetic reviews as a Dataset: {@code (n, 80)} tokens, {@code (n, 1)} labels. */
    static Dataset reviews(int n, long seed) {
        float[][][] xy = tokens(n, seed);
        return Dataset.of(Nd4j.create(xy[0]), Nd4j.create(xy[1]));
    }

    /**
     * Synthetic reviews, {@code {tokens[n][80], labels[n][1]}}: uniform tokens from 1000 up, 8 of them
     * replaced by 1..499 (label 1) or 500..999 (label 0). The same on Dendrite's and DJL's side.
     */
    static float[][][] tokens(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][LENGTH];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LENGTH; t++) {
                x[i][t] = 1000 + random.nextInt(VOCABULARY - 1000);
            }
            y[i][0] = random.nextInt(2);
            for (int planted = 0; planted < 8; planted++) {
                x[i][random.nextInt(LENGTH)] = 1 + random.nextInt(499) + (y[i][0] == 1 ? 0 : 500);
            }
        }
        return new float[][][] {x, y};
    }

    /** Seconds for {@code steps} training steps of a fresh model, median of {@code repetitions}. */
    static Timing dendrite(int repetitions, int steps) throws Exception {
        Dataset data = reviews(BATCH * steps, 5);
        return Timing.of(
                repetitions, () -> model().fit(data, epochs(1).batch(BATCH).verbose(0)));
    }

    /** Seconds per epoch of 25,000 sequences, from the time of {@code steps} steps. */
    static double epochSeconds(Timing stepsTiming, int steps) {
        return stepsTiming.median() / steps * EPOCH_STEPS;
    }
}
