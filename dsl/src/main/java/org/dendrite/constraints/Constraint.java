package org.dendrite.constraints;

import java.io.Serializable;
import java.util.Objects;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;
import org.dendrite.layers.options.LayerOption;

/**
 * A rule the kernel must satisfy after every update, as in {@code keras.constraints}.
 *
 * <p>Norms are taken per unit, over its incoming weights: Keras's {@code axis=0} on a Dense
 * kernel {@code [inputs, units]}, which is DL4J's dimension 0 of the same {@code [nIn, nOut]}
 * array (DL4J's docs suggest dimension 1, which would constrain each input's outgoing weights);
 * Keras's {@code axis=[0, 1, 2]} on a Conv2D kernel {@code (kh, kw, in, filters)}, one norm per
 * filter, which is DL4J's dimensions 1, 2, 3 of its {@code [filters, in, kh, kw]} kernel. The
 * layer names its axes ({@link #toDl4j(int...)}).
 *
 * @param name  {@code max_norm}, {@code non_neg} or {@code unit_norm}
 * @param value the maximum norm of {@code max_norm}
 */
public record Constraint(String name, double value) implements LayerOption, Serializable {

    public Constraint {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case "max_norm" -> {
                if (!(value > 0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException("maxNorm needs a positive norm, received " + value);
                }
            }
            case "non_neg", "unit_norm" -> {
                if (!Double.isNaN(value)) {
                    throw new IllegalArgumentException(name + " takes no value, received value=" + value);
                }
            }
            default -> throw new IllegalArgumentException(
                    "unknown constraint, received name=\"" + name + "\"; known: max_norm, non_neg, unit_norm");
        }
    }

    /** Rescales any unit whose incoming weights have an L2 norm above {@code c} back to {@code c}. */
    public static Constraint maxNorm(double c) {
        return new Constraint("max_norm", c);
    }

    /** Sets negative weights to 0. */
    public static Constraint nonNeg() {
        return new Constraint("non_neg", Double.NaN);
    }

    /** Rescales each unit's incoming weights to an L2 norm of 1. */
    public static Constraint unitNorm() {
        return new Constraint("unit_norm", Double.NaN);
    }

    /**
     * DL4J's constraint for a kernel whose units' incoming weights lie along {@code unitAxes}
     * (Dense: 0; Conv2D: 1, 2, 3).
     */
    public LayerConstraint toDl4j(int... unitAxes) {
        return switch (name) {
            case "max_norm" -> new MaxNormConstraint(value, unitAxes);
            case "non_neg" -> new NonNegativeConstraint();
            default -> new UnitNormConstraint(unitAxes); // unit_norm: the constructor admits no other name
        };
    }

    @Override
    public String toString() {
        return switch (name) {
            case "max_norm" -> "maxNorm(" + value + ")";
            case "non_neg" -> "nonNeg()";
            default -> "unitNorm()";
        };
    }
}
