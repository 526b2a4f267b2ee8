package org.dendrite.constraints;

import java.io.Serializable;
import org.dendrite.layers.options.LayerOption;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.constraint.UnitNormConstraint;

/**
 * A rule the kernel must satisfy after every update, as in {@code keras.constraints}.
 *
 * <p>Norms are taken per unit, over its incoming weights: Keras's {@code axis=0} on a Dense
 * kernel {@code [inputs, units]}, which is DL4J's dimension 0 of the same {@code [nIn, nOut]}
 * array (DL4J's docs suggest dimension 1, which would constrain each input's outgoing weights).
 *
 * @param name  {@code max_norm}, {@code non_neg} or {@code unit_norm}
 * @param value the maximum norm of {@code max_norm}
 */
public record Constraint(String name, double value) implements LayerOption, Serializable {

    /** Rescales any unit whose incoming weights have an L2 norm above {@code c} back to {@code c}. */
    public static Constraint maxNorm(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("maxNorm needs a positive norm, received " + c);
        }
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

    /** DL4J's constraint for a dense kernel. */
    public LayerConstraint toDl4j() {
        return switch (name) {
            case "max_norm" -> new MaxNormConstraint(value, 0);
            case "non_neg" -> new NonNegativeConstraint();
            case "unit_norm" -> new UnitNormConstraint(0);
            default -> throw new IllegalStateException("unknown constraint " + name);
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
