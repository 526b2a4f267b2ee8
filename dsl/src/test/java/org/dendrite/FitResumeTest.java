package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dendrite.callbacks.Callback;
import org.dendrite.callbacks.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code BackupAndRestore}, {@code initial_epoch} and {@code validation_freq}, in one JVM
 * (the kill -9 proof is {@link ResumeKillTest}): a run that crashed resumes from its backup to the
 * weights of a run never interrupted; a backup that cannot be read or fits another model is
 * refused; History and callbacks see the epochs Keras's would.
 */
class FitResumeTest {

    @TempDir
    Path dir;

    /** Throws at the end of one epoch (a crash); records the epochs and the names each logged. */
    static final class Crash implements Callback {
        final int at;
        final List<Integer> epochs = new ArrayList<>();
        final List<Set<String>> names = new ArrayList<>();

        Crash(int at) {
            this.at = at;
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
            epochs.add(epoch);
            names.add(new TreeSet<>(logs.keySet()));
            if (epoch == at) {
                throw new IllegalStateException("crash at epoch " + epoch);
            }
        }
    }

    private static Model sequential(int units) {
        return Sequential()
                .seed(3)
                .dense(units, RELU, HE)
                .dropout(0.25)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
    }

    private static Model functional() {
        var in = Input(4);
        var out = in.dense(12, RELU, HE).dropout(0.25).dense(1, SIGMOID);
        return Model(in, out).compile(adam(0.01), crossEntropy, accuracy);
    }

    private static Fit run(Path backup, Crash crash) {
        return epochs(8)
                .batch(8)
                .validationSplit(0.25)
                .verbose(0)
                .callbacks(
                        earlyStopping("val_loss").patience(4),
                        reduceLrOnPlateau("val_loss").patience(1),
                        crash)
                .backup(backup);
    }

    private static INDArray params(Model model) {
        return model.isFunctional() ? model.graph().params() : model.network().params();
    }

    private void resumesToTheWeightsOfAnUninterruptedRun(java.util.function.Supplier<Model> fresh) {
        Model whole = fresh.get();
        History wholeHistory = whole.fit(TestData.noisy(5), run(dir.resolve("whole"), new Crash(0)));

        Path backup = dir.resolve("backup");
        Model crashed = fresh.get();
        var e = assertThrows(
                IllegalStateException.class, () -> crashed.fit(TestData.noisy(5), run(backup, new Crash(4))));
        assertEquals("crash at epoch 4", e.getMessage());
        assertTrue(Files.exists(backup.resolve(Backup.FILE)), "the backup of epoch 3 stays after the crash");

        Model again = fresh.get(); // a new process would build it afresh from the same code
        Crash watch = new Crash(0);
        History resumed = again.fit(TestData.noisy(5), run(backup, watch));
        assertEquals(List.of(4, 5, 6, 7, 8).subList(0, watch.epochs.size()), watch.epochs, "continues at epoch 4");
        assertEquals(wholeHistory.asMap(), resumed.asMap(), "History holds every epoch, the restored ones too");
        assertEquals(wholeHistory.stoppedEpoch(), resumed.stoppedEpoch());
        assertEquals(params(whole), params(again), "the same weights");
        assertArrayEquals(params(whole).data().asFloat(), params(again).data().asFloat(), 0f, "bit for bit");
        assertFalse(Files.exists(backup), "deleted once the run ended normally");
    }

    @Test
    void aSequentialRunThatCrashedResumesFromItsBackupToTheWeightsOfARunNeverInterrupted() {
        resumesToTheWeightsOfAnUninterruptedRun(() -> sequential(12));
    }

    @Test
    void aFunctionalRunThatCrashedResumesFromItsBackupToTheWeightsOfARunNeverInterrupted() {
        resumesToTheWeightsOfAnUninterruptedRun(FitResumeTest::functional);
    }

    @Test
    void aBackupOfAnotherModelIsRefusedNamingItsDirectory() {
        Path backup = dir.resolve("other");
        assertThrows(
                IllegalStateException.class, () -> sequential(12).fit(TestData.noisy(5), run(backup, new Crash(2))));
        Model wider = sequential(16);
        wider.fit(TestData.noisy(5), epochs(1).verbose(0)); // built
        INDArray before = params(wider).dup();
        var e = assertThrows(
                IllegalStateException.class, () -> wider.fit(TestData.noisy(5), run(backup, new Crash(0))));
        assertTrue(e.getMessage().startsWith("the backup in " + backup + " does not match this fit"), e.getMessage());
        assertTrue(e.getMessage().contains("DenseLayer of 80"), e.getMessage());
        assertEquals(before, params(wider), "nothing restored");
        assertTrue(Files.exists(backup.resolve(Backup.FILE)), "a refused backup is kept");
        var functional = assertThrows(
                IllegalStateException.class, () -> functional().fit(TestData.noisy(5), run(backup, new Crash(0))));
        assertTrue(functional.getMessage().contains("it holds a Sequential model"), functional.getMessage());
    }

    @Test
    void aCorruptBackupIsRefusedNamingItsDirectory() throws Exception {
        Path backup = Files.createDirectories(dir.resolve("corrupt"));
        Files.write(backup.resolve(Backup.FILE), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        var e = assertThrows(
                IllegalStateException.class, () -> sequential(12).fit(TestData.noisy(5), run(backup, new Crash(0))));
        assertTrue(e.getMessage().startsWith("the backup in " + backup + " cannot be read"), e.getMessage());
        assertTrue(e.getMessage().contains("delete " + backup.resolve(Backup.FILE)), e.getMessage());

        Model plain = sequential(12);
        plain.fit(TestData.noisy(5), epochs(1).verbose(0));
        plain.save(backup.resolve(Backup.FILE)); // a saved model, not a backup
        var notBackup = assertThrows(
                IllegalStateException.class, () -> sequential(12).fit(TestData.noisy(5), run(backup, new Crash(0))));
        assertTrue(notBackup.getMessage().contains("has no " + Backup.ENTRY), notBackup.getMessage());
    }

    @Test
    void initialEpochRunsTheRemainingEpochsAsTheWholeRunWouldHave() {
        Model whole = sequential(12);
        History all = whole.fit(TestData.noisy(6), epochs(5).batch(8).verbose(0));

        Model split = sequential(12);
        split.fit(TestData.noisy(6), epochs(2).batch(8).verbose(0));
        Crash watch = new Crash(0);
        History rest = split.fit(
                TestData.noisy(6), epochs(5).batch(8).verbose(0).initialEpoch(2).callbacks(watch));

        assertEquals(List.of(3, 4, 5), watch.epochs, "callbacks see Keras's epoch numbers");
        assertEquals(3, rest.epochs());
        assertEquals(List.of(3, 4, 5), rest.epochsOf("loss"));
        assertEquals(all.loss().subList(2, 5), rest.loss(), "epochs 3 to 5 as in the run of 5");
        assertEquals(params(whole), params(split));
        assertEquals(4, Fit.defaults().epochs(5).initialEpoch(4).initialEpoch());
        var e = assertThrows(IllegalArgumentException.class, () -> epochs(5).initialEpoch(5));
        assertEquals(
                "initialEpoch must lie in [0, epochs) (the epochs already done), received initialEpoch=5"
                        + " with epochs=5",
                e.getMessage());
    }

    @Test
    void validationFreqValidatesEveryNthEpochAndCallbacksSkipTheOthers() throws Exception {
        Crash watch = new Crash(0);
        Path csv = dir.resolve("log.csv");
        History history = sequential(12)
                .fit(
                        TestData.noisy(7),
                        epochs(6)
                                .batch(8)
                                .validationSplit(0.25)
                                .validationFreq(2)
                                .verbose(0)
                                .callbacks(
                                        earlyStopping("val_loss").patience(10),
                                        reduceLrOnPlateau("val_loss").patience(1),
                                        checkpoint(dir.resolve("best.zip")).bestOnly(),
                                        csvLogger(csv),
                                        watch));

        assertEquals(6, history.epochs());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), history.epochsOf("loss"));
        assertEquals(List.of(2, 4, 6), history.epochsOf("val_loss"), "only the validated epochs");
        assertEquals(3, history.metric("val_loss").size());
        assertEquals(3, history.metric("val_accuracy").size());
        Set<String> train = Set.of("loss", "accuracy");
        Set<String> all = Set.of("loss", "accuracy", "val_loss", "val_accuracy");
        assertEquals(List.of(train, all, train, all, train, all), watch.names);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy", rows.get(0));
        assertTrue(rows.get(1).endsWith(",NA,NA"), rows.get(1));
        assertFalse(rows.get(2).contains("NA"), rows.get(2));
        assertTrue(Files.exists(dir.resolve("best.zip")));
        var e = assertThrows(IllegalArgumentException.class, () -> epochs(5).validationFreq(0));
        assertEquals("validationFreq must be at least 1, received validationFreq=0", e.getMessage());
    }
}
