package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The direct LSTM computes what DL4J's LSTM computes: outputs, the three weight gradients and the input's. */
class DirectLstmLayerTest {

    private static final int BATCH = 4;
    private static final int FEATURES = 5;
    private static final int UNITS = 6;
    private static final int STEPS = 7;

    /** An LSTM returning every step, under an output per step. */
    private static MultiLayerNetwork sequences(RNNFormat format) {
        var network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.01))
                .list()
                .layer(new LSTM.Builder()
                        .nOut(UNITS)
                        .activation(Activation.TANH)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE)
                        .nOut(2)
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.recurrent(FEATURES, format))
                .build());
        network.init();
        return network;
    }

    /** Keras's LSTM(6) returning its last step, under a sigmoid output, sequences in Keras's layout as Dendrite builds them. */
    private static MultiLayerNetwork lastStep() {
        var network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.01))
                .list()
                .layer(new LastTimeStep(new LSTM.Builder()
                        .nOut(UNITS)
                        .activation(Activation.TANH)
                        .build()))
                .layer(new OutputLayer.Builder(LossFunction.XENT)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.recurrent(FEATURES, RNNFormat.NWC))
                .build());
        network.init();
        return network;
    }

    @ParameterizedTest
    @EnumSource(RNNFormat.class)
    void outputsAndAllGradientsEqualDl4jsLstm(RNNFormat format) {
        MultiLayerNetwork dl4j = sequences(format);
        MultiLayerNetwork direct = sequences(format);
        DirectLayers.install(direct);
        dl4j.initGradientsView();
        direct.initGradientsView();
        Layer ours = direct.getLayer(0);
        Layer theirs = dl4j.getLayer(0);
        assertInstanceOf(DirectLstmLayer.class, ours);
        Nd4j.getRandom().setSeed(1);
        boolean last = format == RNNFormat.NWC;
        INDArray x = last
                ? Nd4j.randn(DataType.FLOAT, BATCH, STEPS, FEATURES)
                : Nd4j.randn(DataType.FLOAT, BATCH, FEATURES, STEPS);
        INDArray epsilon = last
                ? Nd4j.randn(DataType.FLOAT, BATCH, STEPS, UNITS)
                : Nd4j.randn(DataType.FLOAT, BATCH, UNITS, STEPS);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();

        theirs.setInput(x, none);
        ours.setInput(x, none);
        INDArray expected = theirs.activate(true, none);
        INDArray actual = ours.activate(true, none);
        assertArrayEquals(last ? new long[] {BATCH, STEPS, UNITS} : new long[] {BATCH, UNITS, STEPS}, actual.shape());
        assertClose(expected, actual, "outputs");

        Pair<Gradient, INDArray> dl4jBack = theirs.backpropGradient(epsilon, none);
        Pair<Gradient, INDArray> ourBack = ours.backpropGradient(epsilon, none);
        for (String key : new String[] {"W", "RW", "b"}) {
            assertClose(
                    dl4jBack.getFirst().getGradientFor(key), ourBack.getFirst().getGradientFor(key), key + " gradient");
        }
        assertArrayEquals(x.shape(), ourBack.getSecond().shape());
        assertClose(dl4jBack.getSecond(), ourBack.getSecond(), "input gradient");
    }

    @Test
    void aLastStepLstmTrainsAsDl4jsDoes() {
        MultiLayerNetwork dl4j = lastStep();
        MultiLayerNetwork direct = lastStep();
        DirectLayers.install(direct);
        var wrapper = assertInstanceOf(LastTimeStepLayer.class, direct.getLayer(0));
        assertInstanceOf(DirectLstmLayer.class, wrapper.getUnderlying());
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, STEPS, FEATURES);
        // label: whether the first feature's sum over the sequence is positive
        INDArray y = x.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                .sum(1)
                .gt(0)
                .castTo(DataType.FLOAT)
                .reshape(16, 1);
        DataSet data = new DataSet(x, y);
        double first = direct.score(data);
        for (int step = 0; step < 30; step++) {
            dl4j.fit(data);
            direct.fit(data);
        }
        assertClose(dl4j.params(), direct.params(), "weights after 30 Adam steps", 1e-4);
        assertClose(dl4j.output(x), direct.output(x), "predictions after training", 1e-4);
        assertTrue(direct.score(data) < first - 0.05, "loss " + first + " → " + direct.score(data));
    }

    @Test
    void aMaskedBatchTakesDl4jsCode() {
        MultiLayerNetwork dl4j = sequences(RNNFormat.NCW);
        MultiLayerNetwork direct = sequences(RNNFormat.NCW);
        DirectLayers.install(direct);
        INDArray x = Nd4j.randn(DataType.FLOAT, BATCH, FEATURES, STEPS);
        INDArray mask = Nd4j.ones(DataType.FLOAT, BATCH, STEPS);
        mask.putScalar(0, STEPS - 1, 0);
        assertClose(dl4j.output(x, false, mask, null), direct.output(x, false, mask, null), "masked outputs");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertClose(expected, actual, what, 1e-5);
    }

    /** Within {@code tolerance} of each value's size, and of 1 near zero. */
    private static void assertClose(INDArray expected, INDArray actual, String what, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > tolerance * Math.max(1, Math.abs(e[i]))) {
                fail(what + ": element " + i + " is " + a[i] + ", DL4J's " + e[i]);
            }
        }
    }
}
