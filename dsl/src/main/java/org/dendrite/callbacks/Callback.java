package org.dendrite.callbacks;

import java.util.Map;

/**
 * Code run at fixed points of {@code fit}, as Keras's {@code keras.callbacks.Callback}. Epochs
 * are numbered from 1, as the progress output shows them. Implement only the methods you need.
 * <pre>{@code
 * Callback printer = new Callback() {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
 *         System.out.println(epoch + ": " + logs);
 *     }
 * };
 * }</pre>
 */
public interface Callback {

    /** Before the first epoch. Throw here to refuse a training run (nothing has been changed yet). */
    default void onTrainBegin(Training training) {}

    /** Before each epoch. */
    default void onEpochBegin(int epoch, Training training) {}

    /** After each epoch, with the values logged for it ({@code loss}, metrics, {@code val_} values). */
    default void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {}

    /**
     * After each training step (mini-batch), with its loss as DL4J computed it (regularisation
     * included); batches numbered from 1 within the epoch. Called on the training thread: keep it
     * cheap (Keras's {@code on_train_batch_end}).
     */
    default void onBatchEnd(int epoch, int batch, double loss, Training training) {}

    /** After the last epoch, including when training was stopped early. */
    default void onTrainEnd(Training training) {}
}
