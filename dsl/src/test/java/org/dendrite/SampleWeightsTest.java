package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Random;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras's sample_weight and class_weight: each training example's loss scaled by its weight. */
class SampleWeightsTest {

    private static final INDArray X = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {2, 1}, {-1, 1}});
    private static final INDArray Y = Nd4j.create(new float[][] {{1}, {0}, {1}, {0}});

    /** One sigmoid unit with kernel (1, -1) and bias 0: p = σ(x0 - x1). */
    private static Model logistic() {
        Model model = Sequential().input(2).dense(1, SIGMOID).compile(adam, binaryCrossEntropy);
        model.setWeights(Nd4j.create(new float[][] {{1}, {-1}}), Nd4j.create(new float[] {0}));
        return model;
    }

    /** Keras's weighted loss by hand: Σ wᵢ·bceᵢ over the batch, divided by the batch size. */
    private static double byHand(double[] weights) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-(X.getDouble(i, 0) - X.getDouble(i, 1))));
            double y = Y.getDouble(i, 0);
            sum += weights[i] * -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
        }
        return sum / 4;
    }

    @Test
    void eachExamplesLossIsScaledByItsSampleWeight() {
        double[] w = {1, 2, 0, 0.5};
        Dataset weighted = Dataset.of(X, Y).withSampleWeights(Nd4j.createFromArray(w));
        assertEquals(byHand(w), logistic().evaluate(weighted).loss(), 1e-6, "evaluate");
        History history =
                logistic().fit(weighted, epochs(1).batch(4).shuffle(false).verbose(0));
        assertEquals(byHand(w), history.loss().get(0), 1e-6, "the training loss, from the step before its update");
        assertEquals(
                byHand(new double[] {1, 1, 1, 1}),
                logistic().evaluate(Dataset.of(X, Y)).loss(),
                1e-6);
    }

    @Test
    void theGradientStepIsKerasWeightedStep() {
        double[] w = {1, 2, 0, 0.5};
        Model model = Sequential().input(2).dense(1, SIGMOID).compile(sgd(0.1), binaryCrossEntropy);
        model.setWeights(Nd4j.create(new float[][] {{1}, {-1}}), Nd4j.create(new float[] {0}));
        model.fit(
                Dataset.of(X, Y).withSampleWeights(Nd4j.createFromArray(w)),
                epochs(1).batch(4).shuffle(false).verbose(0));
        // By hand: dL/dz = w·(p - y) / 4 for sigmoid with cross-entropy; one step of 0.1 down the gradient.
        double[] kernel = {1, -1};
        double bias = 0;
        double[] step = new double[3];
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-(X.getDouble(i, 0) - X.getDouble(i, 1))));
            double g = w[i] * (p - Y.getDouble(i, 0)) / 4;
            step[0] += g * X.getDouble(i, 0);
            step[1] += g * X.getDouble(i, 1);
            step[2] += g;
        }
        var after = model.getWeights();
        assertEquals(kernel[0] - 0.1 * step[0], after.get(0).getDouble(0, 0), 1e-6);
        assertEquals(kernel[1] - 0.1 * step[1], after.get(0).getDouble(1, 0), 1e-6);
        assertEquals(bias - 0.1 * step[2], after.get(1).getDouble(0), 1e-6);
    }

    @Test
    void classWeightsWeighEachExampleByItsClass() {
        History history = logistic()
                .fit(
                        Dataset.of(X, Y),
                        epochs(1).batch(4).shuffle(false).verbose(0).classWeight(Map.of(0, 1.0, 1, 3.0)));
        assertEquals(byHand(new double[] {3, 1, 3, 1}), history.loss().get(0), 1e-6);
        Dataset weighted = Dataset.of(X, Y).withSampleWeights(Nd4j.createFromArray(new double[] {1, 2, 0, 0.5}));
        History both = logistic()
                .fit(weighted, epochs(1).batch(4).shuffle(false).verbose(0).classWeight(Map.of(0, 1.0, 1, 3.0)));
        assertEquals(byHand(new double[] {3, 2, 0, 0.5}), both.loss().get(0), 1e-6, "class weight times sample weight");
    }

    /** 1,000 points, 5% of class 1 around (1, 1) and the rest around (0, 0), σ = 1: much overlap. */
    private static Dataset imbalanced() {
        var random = new Random(11);
        float[][] x = new float[1000][2];
        float[][] y = new float[1000][1];
        for (int i = 0; i < 1000; i++) {
            int label = i % 20 == 0 ? 1 : 0;
            x[i][0] = (float) (random.nextGaussian() + label);
            x[i][1] = (float) (random.nextGaussian() + label);
            y[i][0] = label;
        }
        return Dataset.of(Nd4j.create(x), Nd4j.create(y));
    }

    private static double minorityRecall(Fit fit) {
        Model model = Sequential().input(2).dense(1, SIGMOID).compile(adam(0.05), binaryCrossEntropy, recall);
        model.fit(imbalanced(), fit);
        return model.evaluate(imbalanced()).metric("recall");
    }

    @Test
    void theMinorityClassIsFoundMoreOftenTheMoreItWeighs() {
        Fit fit = epochs(10).verbose(0);
        double unweighted = minorityRecall(fit);
        double weighted = minorityRecall(fit.classWeight(Map.of(0, 1.0, 1, 19.0)));
        assertTrue(unweighted < 0.2, "unweighted, the 5% class is mostly missed: recall " + unweighted);
        assertTrue(weighted > 0.6, "weighted 19:1, it is mostly found: recall " + weighted);
    }

    @Test
    void badWeightsAreRefusedBeforeTraining() {
        var e = assertThrows(IllegalArgumentException.class, () -> logistic()
                .fit(Dataset.of(X, Y), epochs(1).classWeight(Map.of(0, 1.0))));
        assertEquals(
                "classWeight must weigh every class in the labels: class [1] occurs in the labels but not in classWeight {0=1.0}",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(X, Y)
                .withSampleWeights(Nd4j.createFromArray(1.0, 2.0)));
        assertEquals(
                "sample weights need one number per example: 4 examples, received an array of shape [2]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(X, Y)
                .withSampleWeights(Nd4j.createFromArray(1.0, -2.0, 1.0, 1.0)));
        assertEquals("sample weights must be 0 or more, but they go down to -2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> epochs(1).classWeight(Map.of(-1, 1.0)));
        assertTrue(e.getMessage().contains("received -1=1.0"), e.getMessage());
    }
}
