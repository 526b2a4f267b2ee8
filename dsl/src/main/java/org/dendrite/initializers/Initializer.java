package org.dendrite.initializers;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.dendrite.layers.options.LayerOption;

/**
 * How a layer's initial weights are drawn, named as in {@code keras.initializers}.
 *
 * <p>Fan-in is a unit's number of inputs, fan-out its number of outputs. Glorot (Xavier) keeps
 * the signal's variance steady for sigmoid and tanh; He doubles it to make up for ReLU zeroing
 * half of its inputs. Keras draws its "normal" variants from a truncated normal; DL4J's
 * {@code XAVIER}, {@code RELU} and {@code LECUN_NORMAL} draw from a full normal with the same
 * variance, which is what these map to.
 *
 * @param name  Keras's name, e.g. {@code "he_normal"}
 * @param value the constant of {@code constant}, or the scale of {@code uniform} and {@code normal}
 */
public record Initializer(String name, double value) implements LayerOption, Serializable {

    /** Keras's names of the initialisers Dendrite has; {@code uniform}, {@code normal} and {@code constant} take a value. */
    public static final Set<String> NAMES = Set.of(
            "glorot_uniform",
            "glorot_normal",
            "he_normal",
            "he_uniform",
            "lecun_normal",
            "lecun_uniform",
            "uniform",
            "normal",
            "constant");

    public Initializer {
        Objects.requireNonNull(name, "name");
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown initializer, received name=\"" + name + "\"; known: " + new TreeSet<>(NAMES));
        }
        switch (name) {
            case "constant" -> {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("constant expects a finite value, received value=" + value);
                }
            }
            case "uniform", "normal" -> {
                if (!(value > 0) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException(name + " expects a positive, finite "
                            + (name.equals("uniform") ? "limit" : "stddev") + ", received " + value);
                }
            }
            default -> {
                if (!Double.isNaN(value)) {
                    throw new IllegalArgumentException(name + " takes no value, received value=" + value);
                }
            }
        }
    }

    /** Uniform in ±sqrt(6 / (fan_in + fan_out)): Keras's Dense default. */
    public static final Initializer GLOROT_UNIFORM = of("glorot_uniform");
    /** Normal with variance 2 / (fan_in + fan_out). */
    public static final Initializer GLOROT_NORMAL = of("glorot_normal");
    /** Normal with variance 2 / fan_in: for ReLU layers. */
    public static final Initializer HE_NORMAL = of("he_normal");
    /** Uniform in ±sqrt(6 / fan_in): for ReLU layers. */
    public static final Initializer HE_UNIFORM = of("he_uniform");
    /** Normal with variance 1 / fan_in: for SELU layers. */
    public static final Initializer LECUN_NORMAL = of("lecun_normal");
    /** Uniform in ±sqrt(3 / fan_in). */
    public static final Initializer LECUN_UNIFORM = of("lecun_uniform");
    /** Uniform in [-0.05, 0.05] (Keras's RandomUniform default). */
    public static final Initializer UNIFORM = uniform(0.05);
    /** Normal with mean 0 and standard deviation 0.05 (Keras's RandomNormal default). */
    public static final Initializer NORMAL = normal(0.05);
    /** All weights 0. */
    public static final Initializer ZEROS = constant(0);
    /** All weights 1. */
    public static final Initializer ONES = constant(1);

    private static Initializer of(String name) {
        return new Initializer(name, Double.NaN);
    }

    /** Every weight set to {@code value}. */
    public static Initializer constant(double value) {
        return new Initializer("constant", value);
    }

    /** Uniform in {@code [-limit, limit]}. */
    public static Initializer uniform(double limit) {
        return new Initializer("uniform", limit);
    }

    /** Normal with mean 0 and the given standard deviation. */
    public static Initializer normal(double stddev) {
        return new Initializer("normal", stddev);
    }

    /** The DL4J weight initialisation this name stands for. */
    public IWeightInit toDl4j() {
        return switch (name) {
            case "glorot_uniform" -> WeightInit.XAVIER_UNIFORM.getWeightInitFunction();
            case "glorot_normal" -> WeightInit.XAVIER.getWeightInitFunction();
            case "he_normal" -> WeightInit.RELU.getWeightInitFunction();
            case "he_uniform" -> WeightInit.RELU_UNIFORM.getWeightInitFunction();
            case "lecun_normal" -> WeightInit.LECUN_NORMAL.getWeightInitFunction();
            case "lecun_uniform" -> WeightInit.LECUN_UNIFORM.getWeightInitFunction();
            case "uniform" -> new WeightInitDistribution(new UniformDistribution(-value, value));
            case "normal" -> new WeightInitDistribution(new NormalDistribution(0, value));
            case "constant" -> new WeightInitConstant(value);
            default -> throw new IllegalStateException("no DL4J initialiser for " + name);
        };
    }

    @Override
    public String toString() {
        return switch (name) {
            case "constant" -> value == 0 ? "zeros" : value == 1 ? "ones" : "constant(" + value + ")";
            case "uniform", "normal" -> name + "(" + value + ")";
            default -> name;
        };
    }
}
