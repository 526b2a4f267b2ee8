package org.dendrite.losses;

import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * What training minimises, named as in {@code keras.losses}. {@link #CROSS_ENTROPY} is resolved
 * when the model is compiled: binary for sigmoid outputs, categorical for softmax outputs.
 */
public enum Loss {
    /** Binary or categorical cross-entropy, chosen from the output layer's activation. */
    CROSS_ENTROPY("crossentropy", null),
    /** {@code -[y·ln(p) + (1-y)·ln(1-p)]} per output, for 0/1 labels and sigmoid outputs. */
    BINARY_CROSS_ENTROPY("binary_crossentropy", LossFunction.XENT),
    /** {@code -Σ y·ln(p)} over one-hot labels and softmax outputs. */
    CATEGORICAL_CROSS_ENTROPY("categorical_crossentropy", LossFunction.MCXENT),
    /** Categorical cross-entropy with integer class labels (one column, values 0..classes-1). */
    SPARSE_CATEGORICAL_CROSS_ENTROPY("sparse_categorical_crossentropy", LossFunction.SPARSE_MCXENT),
    /** Mean squared error, {@code mean((y - p)²)}. */
    MEAN_SQUARED_ERROR("mean_squared_error", LossFunction.MSE),
    /** Mean absolute error, {@code mean(|y - p|)}. */
    MEAN_ABSOLUTE_ERROR("mean_absolute_error", LossFunction.MEAN_ABSOLUTE_ERROR),
    /** {@code mean(max(0, 1 - y·p))}, labels -1 or 1 (as in DL4J; Keras also maps 0 to -1). */
    HINGE("hinge", LossFunction.HINGE),
    /** Kullback–Leibler divergence {@code Σ y·ln(y / p)}. */
    KL_DIVERGENCE("kl_divergence", LossFunction.KL_DIVERGENCE),
    /** {@code mean(p - y·ln(p))}, for counts. */
    POISSON("poisson", LossFunction.POISSON);

    private final String kerasName;
    private final LossFunction dl4j;

    Loss(String kerasName, LossFunction dl4j) {
        this.kerasName = kerasName;
        this.dl4j = dl4j;
    }

    /** DL4J's loss function; not defined for {@link #CROSS_ENTROPY}, which must be resolved first. */
    public LossFunction toDl4j() {
        if (dl4j == null) {
            throw new IllegalStateException(kerasName + " is resolved against the output layer at compile time");
        }
        return dl4j;
    }

    /** True for the losses of classifiers, for which accuracy is defined. */
    public boolean isClassification() {
        return this == CROSS_ENTROPY || this == BINARY_CROSS_ENTROPY || this == CATEGORICAL_CROSS_ENTROPY
                || this == SPARSE_CATEGORICAL_CROSS_ENTROPY || this == HINGE;
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
