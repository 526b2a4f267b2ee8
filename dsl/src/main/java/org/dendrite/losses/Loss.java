package org.dendrite.losses;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.dendrite.metrics.Metric;
import org.dendrite.runtime.ScaledLoss;
import org.dendrite.runtime.WeightedExamples;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * What training minimises, named as Keras's {@code loss=} strings: {@code "binary_crossentropy"},
 * {@code "mse"}, ... {@link #CROSS_ENTROPY} is resolved when the model is compiled: binary for
 * sigmoid outputs, categorical for softmax outputs.
 *
 * <p>A loss is also a {@link Metric}, as in Keras's {@code metrics=['mse']}: its value over the
 * predictions, logged under its name ({@code compile(adam, mae, mse)} trains on MAE and reports MSE).
 *
 * @param name Keras's name; one of {@link #NAMES}
 */
public record Loss(String name) implements Metric {

    /** DL4J's loss function for each of Keras's names Dendrite has; {@code crossentropy} is resolved first. */
    private static final Map<String, LossFunction> DL4J = Map.of(
            "binary_crossentropy", LossFunction.XENT,
            "categorical_crossentropy", LossFunction.MCXENT,
            "sparse_categorical_crossentropy", LossFunction.SPARSE_MCXENT,
            "mse", LossFunction.MSE,
            "mae", LossFunction.MEAN_ABSOLUTE_ERROR,
            "hinge", LossFunction.HINGE,
            "kld", LossFunction.KL_DIVERGENCE,
            "poisson", LossFunction.POISSON);

    /** Every name a loss may have. */
    public static final Set<String> NAMES = names();

    /** Binary or categorical cross-entropy, chosen from the output layer's activation. */
    public static final Loss CROSS_ENTROPY = new Loss("crossentropy");
    /** {@code mean(-[y·ln(p) + (1-y)·ln(1-p)])} over the outputs, for 0/1 labels and sigmoid outputs. */
    public static final Loss BINARY_CROSS_ENTROPY = new Loss("binary_crossentropy");
    /** {@code -Σ y·ln(p)} over one-hot labels and softmax outputs. */
    public static final Loss CATEGORICAL_CROSS_ENTROPY = new Loss("categorical_crossentropy");
    /** Categorical cross-entropy with integer class labels (one column, values 0..classes-1). */
    public static final Loss SPARSE_CATEGORICAL_CROSS_ENTROPY = new Loss("sparse_categorical_crossentropy");
    /** Mean squared error, {@code mean((y - p)²)}. */
    public static final Loss MEAN_SQUARED_ERROR = new Loss("mse");
    /** Mean absolute error, {@code mean(|y - p|)}. */
    public static final Loss MEAN_ABSOLUTE_ERROR = new Loss("mae");
    /** {@code mean(max(0, 1 - y·p))}, labels -1 or 1 (as in DL4J; Keras also maps 0 to -1). */
    public static final Loss HINGE = new Loss("hinge");
    /** Kullback–Leibler divergence {@code Σ y·ln(y / p)}. */
    public static final Loss KL_DIVERGENCE = new Loss("kld");
    /** {@code mean(p - y·ln(p))}, for counts. */
    public static final Loss POISSON = new Loss("poisson");

    public Loss {
        if (!NAMES.contains(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("unknown loss, received name=\"" + name + "\"; known: " + NAMES);
        }
    }

    private static Set<String> names() {
        var names = new TreeSet<>(DL4J.keySet());
        names.add("crossentropy");
        return Collections.unmodifiableSet(names);
    }

    /** Keras's losses that average over an example's outputs where DL4J's sum them. */
    private static final Set<String> MEAN_OVER_OUTPUTS = Set.of("binary_crossentropy", "hinge", "poisson");

    /**
     * DL4J's loss function for an output of {@code outputs} units, computing what Keras computes:
     * DL4J's own, or for binary cross-entropy, hinge and poisson over several outputs DL4J's averaged
     * over them, as Keras averages (DL4J sums); sample weights, given as per-example label masks,
     * scale each example's loss (see {@link WeightedExamples}).
     */
    public ILossFunction lossFunction(long outputs) {
        ILossFunction function = toDl4j().getILossFunction();
        return new WeightedExamples(
                outputs > 1 && MEAN_OVER_OUTPUTS.contains(name) ? new ScaledLoss(function, 1.0 / outputs) : function);
    }

    /** DL4J's loss function; not defined for {@link #CROSS_ENTROPY}, which must be resolved first. */
    public LossFunction toDl4j() {
        LossFunction function = DL4J.get(name);
        if (function == null) {
            throw new IllegalStateException(name + " is resolved against the output layer at compile time");
        }
        return function;
    }

    /**
     * The labels as this loss takes them: hinge's 0/1 labels become -1/+1, as Keras converts them
     * (DL4J's hinge expects -1/+1); others as they are.
     */
    public INDArray prepare(INDArray labels) {
        if (!name.equals("hinge") || labels.minNumber().doubleValue() < 0) {
            return labels;
        }
        return labels.mul(2).subi(1);
    }

    /** True for the losses of classifiers, for which accuracy is defined. */
    public boolean isClassification() {
        return name.endsWith("crossentropy") || name.equals("hinge");
    }

    /** The loss of {@code predictions} (the model's outputs) against {@code labels}, averaged over examples. */
    @Override
    public double compute(INDArray predictions, INDArray labels) {
        INDArray outputs = predictions.castTo(DataType.DOUBLE);
        return lossFunction(outputs.size(1))
                .computeScore(labels.castTo(DataType.DOUBLE), outputs, new ActivationIdentity(), null, true);
    }

    @Override
    public String toString() {
        return name;
    }
}
