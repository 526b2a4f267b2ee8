package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A masked step is skipped as Keras skips it: the masked layer computes, and learns, what the plain
 * layer computes on the sequence with its masked steps taken out; every step's output repeats the
 * last kept one; DL4J's own finite-difference check agrees with its gradients.
 */
class MaskedRecurrentTest {

    private static final int FEATURES = 2;
    private static final int UNITS = 3;
    private static final double MASK = -1;

    private static BaseRecurrentLayer lstm() {
        return new LSTM.Builder()
                .nOut(UNITS)
                .activation(Activation.TANH)
                .dataFormat(RNNFormat.NWC)
                .build();
    }

    private static BaseRecurrentLayer simpleRnn() {
        return new SimpleRnn.Builder()
                .nOut(UNITS)
                .activation(Activation.TANH)
                .dataFormat(RNNFormat.NWC)
                .build();
    }

    /** The recurrent layer (masked or not), then a dense output of 1 unit under MSE, in double precision. */
    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer recurrent, long timesteps) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.DOUBLE)
                .list()
                .layer(recurrent)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY)
                        .nOut(1)
                        .build())
                .setInputType(InputType.recurrent(FEATURES, timesteps, RNNFormat.NWC))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /** One sequence, its steps given as rows of features; a step of {@link #MASK}s is masked. */
    private static INDArray sequence(double[]... steps) {
        return Nd4j.create(steps).reshape(1, steps.length, FEATURES);
    }

    private static final double[] M = {MASK, MASK};

    @Test
    void anLstmSkipsMaskedStepsAtTheStartTheMiddleAndTheEndInItsOutputLossAndGradients() {
        assertSkips(MaskedRecurrentTest::lstm);
    }

    @Test
    void aSimpleRnnSkipsMaskedStepsAsWell() {
        assertSkips(MaskedRecurrentTest::simpleRnn);
    }

    private static void assertSkips(java.util.function.Supplier<BaseRecurrentLayer> cell) {
        double[] a = {0.5, -0.3};
        double[] b = {-1.2, 0.8};
        double[] c = {0.1, MASK}; // one feature at the mask value is not a masked step
        INDArray label = Nd4j.create(new double[][] {{0.7}});
        MultiLayerNetwork trimmed = network(new LastTimeStep(cell.get()), 3);
        trimmed.setInput(sequence(a, b, c));
        trimmed.setLabels(label);
        trimmed.computeGradientAndScore();
        for (INDArray padded : new INDArray[] {
            sequence(M, a, b, c), sequence(a, b, c, M, M), sequence(a, M, b, M, c), sequence(M, a, M, b, c, M)
        }) {
            MultiLayerNetwork masked = network(new MaskedRecurrent(cell.get(), MASK, false), padded.size(1));
            masked.setParams(trimmed.params());
            assertEquals(
                    trimmed.output(sequence(a, b, c)).getDouble(0),
                    masked.output(padded).getDouble(0),
                    1e-12,
                    "the output");
            masked.setInput(padded);
            masked.setLabels(label);
            masked.computeGradientAndScore();
            assertEquals(trimmed.score(), masked.score(), 1e-12, "the loss");
            INDArray expected = trimmed.gradient().gradient();
            INDArray found = masked.gradient().gradient();
            assertTrue(expected.sub(found).amaxNumber().doubleValue() < 1e-12, expected + " vs " + found);
            assertTrue(expected.amaxNumber().doubleValue() > 1e-3, "gradients that are not all zero");
        }
    }

    @Test
    void everyStepsOutputRepeatsTheLastKeptOneAndZerosComeBeforeTheFirst() {
        double[] a = {0.5, -0.3};
        double[] b = {-1.2, 0.8};
        MultiLayerNetwork plain = network(lstm(), 2);
        MultiLayerNetwork masked = network(new MaskedRecurrent(lstm(), MASK, true), 5);
        masked.setParams(plain.params());
        INDArray kept = plain.feedForward(sequence(a, b)).get(1); // (1, 2, units)
        INDArray all = masked.feedForward(sequence(M, a, M, M, b)).get(1); // (1, 5, units)
        INDArray first = kept.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all());
        INDArray second = kept.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all());
        INDArray[] expected = {Nd4j.zeros(DataType.DOUBLE, UNITS), first, first, first, second};
        for (int t = 0; t < 5; t++) {
            INDArray step = all.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all());
            assertEquals(expected[t], step, "step " + t);
        }
        assertTrue(first.amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void aSequenceMaskedWholeGivesZeros() {
        MultiLayerNetwork masked = network(new MaskedRecurrent(lstm(), MASK, false), 2);
        INDArray hidden = masked.feedForward(sequence(M, M)).get(1);
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 1, UNITS), hidden);
    }

    @Test
    void dl4jsFiniteDifferencesAgreeWithTheGradientsOfEveryStepsOutput() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.DOUBLE)
                .updater(new org.nd4j.linalg.learning.config.NoOp())
                .list()
                .layer(new MaskedRecurrent(lstm(), MASK, true))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY)
                        .nOut(2)
                        .dataFormat(RNNFormat.NWC)
                        .build())
                .setInputType(InputType.recurrent(FEATURES, 4, RNNFormat.NWC))
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        Nd4j.getRandom().setSeed(11);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 4, FEATURES);
        input.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.all())
                .assign(MASK);
        input.get(NDArrayIndex.point(1), NDArrayIndex.point(2), NDArrayIndex.all())
                .assign(MASK);
        input.get(NDArrayIndex.point(2), NDArrayIndex.point(3), NDArrayIndex.all())
                .assign(MASK);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, 3, 4, 2);
        DataType dataType = Nd4j.dataType();
        DataType floating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // DL4J's check asks for it
        try {
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                    .net(network)
                    .input(input)
                    .labels(labels)
                    .epsilon(1e-6)
                    .maxRelError(1e-5)
                    .minAbsoluteError(1e-9)));
        } finally {
            Nd4j.setDefaultDataTypes(dataType, floating);
        }
    }

    @Test
    void travelsThroughDl4jsJsonConfiguration() {
        var conf = network(new MaskedRecurrent(lstm(), 0.5, true), 3).getLayerWiseConfigurations();
        var back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer());
        MaskedRecurrent layer = (MaskedRecurrent) back.getConf(0).getLayer();
        assertEquals(0.5, layer.getMaskValue());
        assertTrue(layer.isReturnSequences());
        assertInstanceOf(LSTM.class, layer.getUnderlying());
    }
}
