package org.dendrite.activations;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.dendrite.layers.options.LayerOption;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * An activation function, named as in {@code keras.activations}: {@code f(x)} applied element-wise
 * to a layer's output ({@code softmax} across each row).
 *
 * <p>An immutable value; the constants cover every function the tutorials use, and
 * {@link #leakyRelu(double)} / {@link #elu(double)} take Keras's {@code alpha}.
 *
 * @param name  Keras's name, e.g. {@code "relu"}
 * @param alpha the slope or scale of {@code leaky_relu} and {@code elu}; unused otherwise
 */
public record Activation(String name, double alpha) implements LayerOption, Serializable {

    /** Keras's names of the functions Dendrite has; {@code leaky_relu} and {@code elu} also take {@code alpha}. */
    public static final Set<String> NAMES = Set.of(
            "linear",
            "sigmoid",
            "hard_sigmoid",
            "tanh",
            "relu",
            "leaky_relu",
            "elu",
            "selu",
            "softplus",
            "softsign",
            "softmax",
            "swish",
            "gelu");

    public Activation {
        Objects.requireNonNull(name, "name");
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown activation, received name=\"" + name + "\"; known: " + new TreeSet<>(NAMES));
        }
        boolean takesAlpha = name.equals("leaky_relu") || name.equals("elu");
        if (takesAlpha ? !Double.isFinite(alpha) : !Double.isNaN(alpha)) {
            throw new IllegalArgumentException(
                    takesAlpha
                            ? name + " expects a finite alpha, received alpha=" + alpha
                            : name + " takes no alpha, received alpha=" + alpha);
        }
    }

    /** {@code f(x) = x}: Keras's default for Dense. */
    public static final Activation LINEAR = of("linear");
    /** {@code 1 / (1 + e^-x)}, outputs in (0, 1): binary outputs. */
    public static final Activation SIGMOID = of("sigmoid");
    /** A piecewise-linear sigmoid, {@code clip(0.2x + 0.5, 0, 1)}. */
    public static final Activation HARD_SIGMOID = of("hard_sigmoid");
    /** {@code tanh(x)}, outputs in (-1, 1). */
    public static final Activation TANH = of("tanh");
    /** {@code max(0, x)}: the default choice for hidden layers. */
    public static final Activation RELU = of("relu");
    /** {@code x} for {@code x > 0}, else {@code 0.3x} (Keras's LeakyReLU default slope). */
    public static final Activation LEAKY_RELU = leakyRelu(0.3);
    /** {@code x} for {@code x > 0}, else {@code e^x - 1}. */
    public static final Activation ELU = elu(1.0);
    /** Scaled ELU, self-normalising with LeCun-normal initialisation. */
    public static final Activation SELU = of("selu");
    /** {@code ln(1 + e^x)}, a smooth ReLU. */
    public static final Activation SOFTPLUS = of("softplus");
    /** {@code x / (1 + |x|)}. */
    public static final Activation SOFTSIGN = of("softsign");
    /** {@code e^x / Σe^x} across each row: class probabilities that sum to 1. */
    public static final Activation SOFTMAX = of("softmax");
    /** {@code x · sigmoid(x)}. */
    public static final Activation SWISH = of("swish");
    /** Gaussian error linear unit (DL4J's approximation). */
    public static final Activation GELU = of("gelu");

    private static Activation of(String name) {
        return new Activation(name, Double.NaN);
    }

    /** Leaky ReLU with slope {@code alpha} for negative inputs. */
    public static Activation leakyRelu(double alpha) {
        return new Activation("leaky_relu", alpha);
    }

    /** ELU with scale {@code alpha} for negative inputs. */
    public static Activation elu(double alpha) {
        return new Activation("elu", alpha);
    }

    /** The DL4J implementation this name stands for. */
    public IActivation toDl4j() {
        return switch (name) {
            case "linear" -> org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction();
            case "leaky_relu" -> new ActivationLReLU(alpha);
            case "elu" -> new ActivationELU(alpha);
            default -> org.nd4j.linalg.activations.Activation.valueOf(
                            name.replace("_", "").toUpperCase(Locale.ROOT))
                    .getActivationFunction();
        };
    }

    /** True for the functions whose outputs lie in (0, 1) and can be read as probabilities. */
    public boolean isProbability() {
        return this.equals(SIGMOID) || this.equals(SOFTMAX) || this.equals(HARD_SIGMOID);
    }

    @Override
    public String toString() {
        return Double.isNaN(alpha) || alpha == defaultAlpha() ? name : name + "(" + alpha + ")";
    }

    private double defaultAlpha() {
        return name.equals("elu") ? 1.0 : 0.3;
    }
}
