package org.dendrite.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Keras's plain (heavy-ball) momentum, {@code v ← m·v - lr·g; w ← w + v}, as a DL4J updater
 * configuration. DL4J ships only Nesterov momentum; this fills the gap so that
 * {@code sgd(lr, m)} means what it means in Keras. A Jackson bean (no-arg constructor, getters,
 * setters) so that it travels in DL4J's JSON configuration and saved models.
 */
public final class Momentum implements IUpdater {

    private double learningRate;
    private double momentum;

    /** For Jackson. */
    public Momentum() {
        this(0.01, 0.9);
    }

    public Momentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<Momentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        var updater = new Updater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater<Momentum> instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        var updater = new Updater(this);
        updater.setState(state, initializeStateArrays);
        return updater;
    }

    @Override
    public Momentum clone() {
        return new Momentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("Momentum takes a fixed learning rate");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Momentum m && m.learningRate == learningRate && m.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "Momentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }

    /** The velocity {@code v}, one value per parameter, kept in DL4J's updater state view. */
    private static final class Updater implements GradientUpdater<Momentum> {
        private static final String VELOCITY = "V";
        private final Momentum config;
        private INDArray velocity;

        Updater(Momentum config) {
            this.config = config;
        }

        @Override
        public Momentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            if (!state.containsKey(VELOCITY) || state.size() != 1) {
                throw new IllegalStateException(
                        "Momentum state must hold only [" + VELOCITY + "], got " + state.keySet());
            }
            velocity = state.get(VELOCITY);
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.singletonMap(VELOCITY, velocity);
        }

        @Override
        public void setStateViewArray(INDArray view, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                view.assign(0);
            }
            velocity = Shape.newShapeNoCopy(view, gradientShape, gradientOrder == 'f');
            if (velocity == null) {
                throw new IllegalStateException(
                        "cannot view the momentum state as shape " + Arrays.toString(gradientShape));
            }
        }

        /** DL4J subtracts what this leaves in {@code gradient}: {@code -v} after {@code v ← m·v - lr·g}. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            velocity.muli(config.momentum).subi(gradient.mul(config.learningRate));
            gradient.assign(velocity).negi();
        }
    }
}
