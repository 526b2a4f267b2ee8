package org.dendrite;

import static org.dendrite.Dendrite.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Training;

/**
 * The training run {@link ResumeKillTest} starts in a child JVM: a small model with dropout, early
 * stopping with patience and its best weights, trained with {@code backup(dir)}; each epoch begins
 * with a sleep (so that the test can kill it mid-run). The final weights (the best epoch's,
 * restored by early stopping) and those the last epoch ended with go to a file, as float bits.
 * Arguments: the backup directory, the file for the weights, the sleep per epoch in ms.
 */
public final class ResumeChild {

    private ResumeChild() {}

    public static void main(String[] args) throws IOException {
        Path backup = Path.of(args[0]);
        Path weights = Path.of(args[1]);
        long sleep = Long.parseLong(args[2]);
        float[][] lastEpoch = new float[1][];
        Callback slow = new Callback() {
            @Override
            public void onEpochEnd(int epoch, java.util.Map<String, Double> logs, Training training) {
                lastEpoch[0] = training.network().params().data().asFloat(); // before restoreBestWeights
            }

            @Override
            public void onEpochBegin(int epoch, Training training) {
                System.out.println("begin " + epoch);
                System.out.flush();
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        History history = run(backup, slow);
        float[] best = model.network().params().data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(8 * best.length);
        for (float p : best) {
            bytes.putInt(Float.floatToRawIntBits(p));
        }
        for (float p : lastEpoch[0]) {
            bytes.putInt(Float.floatToRawIntBits(p));
        }
        Files.write(weights, bytes.array());
        System.out.println(
                "history " + history.asMap() + " stopped " + history.stoppedEpoch() + " best " + history.bestEpoch());
    }

    private static Model model;

    /** The run: the same call whether it starts afresh or resumes. */
    static History run(Path backup, Callback... extra) {
        model = Sequential()
                .seed(7)
                .dense(16, RELU, HE)
                .dropout(0.3)
                .dense(16, RELU, HE)
                .dense(1, SIGMOID)
                .compile(adam(0.02), crossEntropy, accuracy);
        Callback[] callbacks = new Callback[extra.length + 1];
        callbacks[0] = earlyStopping("val_loss").patience(3).restoreBestWeights();
        System.arraycopy(extra, 0, callbacks, 1, extra.length);
        return model.fit(
                TestData.noisy(11),
                epochs(12)
                        .batch(8)
                        .validationSplit(0.25)
                        .verbose(0)
                        .callbacks(callbacks)
                        .backup(backup));
    }
}
