package org.dendrite.runtime;

import static org.junit.jupiter.api.Assertions.*;

import java.util.function.Function;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdaDeltaUpdater;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.RmsPropUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class DirectUpdaterTest {

    /** Not a whole number of chunks, so the last, shorter chunk is covered too. */
    private static final int WEIGHTS = 3 * DirectUpdater.CHUNK + 123;

    @Test
    void rmsPropFirstStepIsTheFormula() {
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2);
        var direct = new DirectRmsProp((RmsPropUpdater) new RmsProp(0.001, 0.9, 1e-7).instantiate(state, true));
        INDArray g = Nd4j.createFromArray(1f, -2f).reshape(1, 2);
        direct.applyUpdater(g, 0, 0);
        // DL4J starts s at ε: s = 0.9·ε + 0.1·g², update = 0.001·g / (√s + ε)
        double s0 = 0.9 * 1e-7 + 0.1;
        double s1 = 0.9 * 1e-7 + 0.4;
        assertArrayEquals(new float[] {(float) s0, (float) s1}, state.toFloatVector(), 1e-7f);
        assertArrayEquals(
                new float[] {(float) (0.001 / (Math.sqrt(s0) + 1e-7)), (float) (-0.002 / (Math.sqrt(s1) + 1e-7))},
                g.toFloatVector(),
                1e-9f);
    }

    @Test
    void rmsPropStepsAsDl4jDoes() {
        stepsAsDl4j(new RmsProp(0.001, 0.9, 1e-7), u -> new DirectRmsProp((RmsPropUpdater) u));
    }

    @Test
    void adamStepsAsDl4jDoes() {
        stepsAsDl4j(new Adam(0.001, 0.9, 0.999, 1e-7), u -> new DirectAdam((AdamUpdater) u));
    }

    @Test
    void adaDeltaStepsAsDl4jDoes() {
        stepsAsDl4j(new AdaDelta(0.95, 1e-7), u -> new DirectAdaDelta((AdaDeltaUpdater) u));
    }

    /** Five steps of each on the same gradients: the same updates and state, to float rounding. */
    private static void stepsAsDl4j(IUpdater config, Function<GradientUpdater<?>, DirectUpdater<?, ?>> direct) {
        int stateSize = (int) config.stateSize(WEIGHTS);
        INDArray dl4jState = Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        INDArray directState = Nd4j.zeros(DataType.FLOAT, 1, stateSize);
        GradientUpdater<?> dl4j = config.instantiate(dl4jState, true);
        DirectUpdater<?, ?> ours = direct.apply(config.instantiate(directState, true));
        Nd4j.getRandom().setSeed(7);
        for (int iteration = 0; iteration < 5; iteration++) {
            INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, WEIGHTS).muli(iteration + 1);
            INDArray expected = gradient.dup();
            INDArray actual = gradient.dup();
            dl4j.applyUpdater(expected, iteration, 0);
            ours.applyUpdater(actual, iteration, 0);
            assertCloseTo(expected, actual, config + " update, step " + iteration);
            assertCloseTo(dl4jState, directState, config + " state, step " + iteration);
        }
    }

    @Test
    void aGradientWithGapsGoesToDl4jsOp() {
        IUpdater config = new RmsProp(0.01, 0.9, 1e-7);
        INDArray dl4jState = Nd4j.zeros(DataType.FLOAT, 1, 4);
        INDArray directState = Nd4j.zeros(DataType.FLOAT, 1, 4);
        GradientUpdater<?> dl4j = config.instantiate(dl4jState, true);
        var ours = new DirectRmsProp((RmsPropUpdater) config.instantiate(directState, true));
        INDArray everyOther = Nd4j.createFromArray(1f, 9f, 2f, 9f, 3f, 9f, 4f, 9f)
                .reshape(1, 8)
                .get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 2, 8))
                .reshape(1, 4);
        INDArray expected = everyOther.dup();
        ours.applyUpdater(everyOther, 0, 0);
        dl4j.applyUpdater(expected, 0, 0);
        assertCloseTo(expected, everyOther, "strided update");
        assertCloseTo(dl4jState, directState, "strided state");
    }

    @Test
    void networksTrainWithThemAndLikeDl4j() {
        MultiLayerNetwork direct = network();
        MultiLayerNetwork dl4j = network();
        NetworkUpdater.install(direct);
        assertInstanceOf(DirectAdam.class, blockUpdater(direct));
        assertInstanceOf(AdamUpdater.class, blockUpdater(dl4j));
        Nd4j.getRandom().setSeed(3);
        DataSet batch = new DataSet(
                Nd4j.rand(DataType.FLOAT, 32, 6),
                Nd4j.rand(DataType.FLOAT, 32, 1).gt(0.5).castTo(DataType.FLOAT));
        double first = direct.score(batch);
        for (int step = 0; step < 20; step++) {
            direct.fit(batch);
            dl4j.fit(batch);
        }
        assertCloseTo(dl4j.params(), direct.params(), "weights after 20 Adam steps");
        assertCloseTo(dl4j.getUpdater().getStateViewArray(), direct.getUpdater().getStateViewArray(), "Adam's moments");
        assertTrue(direct.score(batch) < first - 0.01, "loss " + first + " → " + direct.score(batch));
    }

    private static GradientUpdater<?> blockUpdater(MultiLayerNetwork network) {
        return ((MultiLayerUpdater) network.getUpdater())
                .getUpdaterBlocks()
                .get(0)
                .getGradientUpdater();
    }

    private static MultiLayerNetwork network() {
        var network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.01, 0.9, 0.999, 1e-7))
                .list()
                .layer(new DenseLayer.Builder()
                        .nIn(6)
                        .nOut(8)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(8)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build());
        network.init();
        return network;
    }

    /** Equal to a few float roundings: within 1e-6 of each value's size (1e-12 near zero). */
    private static void assertCloseTo(INDArray expected, INDArray actual, String what) {
        float[] e = expected.toFloatVector();
        float[] a = actual.toFloatVector();
        assertEquals(e.length, a.length, what + ": length");
        for (int i = 0; i < e.length; i++) {
            double allowed = 1e-6 * Math.abs(e[i]) + 1e-12;
            if (Math.abs(e[i] - a[i]) > allowed) {
                fail(what + ": element " + i + " is " + a[i] + ", DL4J's " + e[i]);
            }
        }
    }
}
