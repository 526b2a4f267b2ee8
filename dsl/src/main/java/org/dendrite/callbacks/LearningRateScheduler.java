package org.dendrite.callbacks;

import java.io.Serializable;
import java.util.Objects;

/**
 * Sets the learning rate at the start of every epoch from a schedule, as Keras's
 * {@code LearningRateScheduler}. The schedule sees the epoch (from 1) and the rate the run
 * started with.
 */
public final class LearningRateScheduler implements Callback, Resumable {

    /** A learning rate per epoch. */
    @FunctionalInterface
    public interface Schedule {
        /** The rate for {@code epoch} (from 1), given the rate training started with. */
        double rate(int epoch, double initialRate);

        /** Multiplies the rate by {@code factor} every {@code every} epochs (step decay). */
        static Schedule step(double factor, int every) {
            if (every < 1) {
                throw new IllegalArgumentException(
                        "step decay needs a period of at least 1 epoch, received every=" + every);
            }
            return (epoch, initial) -> initial * Math.pow(factor, (epoch - 1) / every);
        }

        /** {@code initial · rate^(epoch - 1)}. */
        static Schedule exponential(double rate) {
            return (epoch, initial) -> initial * Math.pow(rate, epoch - 1);
        }

        /** Half a cosine from the initial rate down to 0 over {@code epochs} epochs. */
        static Schedule cosine(int epochs) {
            return (epoch, initial) -> initial * 0.5 * (1 + Math.cos(Math.PI * Math.min(epoch - 1, epochs) / epochs));
        }
    }

    private final Schedule schedule;
    private double initial;

    public LearningRateScheduler(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public void onTrainBegin(Training training) {
        initial = training.learningRate();
    }

    @Override
    public void onEpochBegin(int epoch, Training training) {
        training.setLearningRate(schedule.rate(epoch, initial));
    }

    @Override
    public Serializable state() {
        return initial;
    }

    @Override
    public void restore(Serializable state) {
        initial = (Double) state;
    }

    @Override
    public String toString() {
        return "learningRateScheduler(" + schedule + ")";
    }
}
