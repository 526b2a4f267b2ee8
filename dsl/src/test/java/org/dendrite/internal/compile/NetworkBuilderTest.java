package org.dendrite.internal.compile;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class NetworkBuilderTest {

    private static Layer layer(MultiLayerConfiguration conf, int i) {
        return conf.getConf(i).getLayer();
    }

    @Test
    void thePimaNetCompilesToTwoDenseLayersAndASigmoidOutputWithBinaryCrossEntropy() {
        var conf = Sequential()
                .input(8)
                .dense(12, RELU, HE)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .configuration();

        assertEquals(3, conf.getConfs().size());
        var first = (DenseLayer) layer(conf, 0);
        assertEquals(8, first.getNIn());
        assertEquals(12, first.getNOut());
        assertInstanceOf(ActivationReLU.class, first.getActivationFn());
        assertInstanceOf(WeightInitRelu.class, first.getWeightInitFn());
        assertEquals(0.0, first.getBiasInit());
        var second = (DenseLayer) layer(conf, 1);
        assertEquals(12, second.getNIn());
        assertInstanceOf(WeightInitXavierUniform.class, second.getWeightInitFn(), "Keras's glorot_uniform default");
        var output = (OutputLayer) layer(conf, 2);
        assertEquals(1, output.getNOut());
        assertInstanceOf(ActivationSigmoid.class, output.getActivationFn());
        assertInstanceOf(LossBinaryXENT.class, dl4jLoss(output.getLossFn()));
    }

    @Test
    void adamCarriesKerasDefaults() {
        var conf = Sequential()
                .input(2)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy)
                .configuration();
        var updater = (Adam) ((OutputLayer) layer(conf, 0)).getIUpdater();
        assertEquals(0.001, updater.getLearningRate());
        assertEquals(0.9, updater.getBeta1());
        assertEquals(0.999, updater.getBeta2());
        assertEquals(1e-7, updater.getEpsilon(), "Keras's epsilon, not DL4J's 1e-8");
    }

    @Test
    void optimizerFactoriesChangeOnlyTheLearningRate() {
        var rms = (RmsProp) ((OutputLayer) layer(
                        Sequential()
                                .input(2)
                                .dense(1)
                                .compile(rmsprop(0.01), mse)
                                .configuration(),
                        0))
                .getIUpdater();
        assertEquals(0.01, rms.getLearningRate());
        assertEquals(0.9, rms.getRmsDecay());
        assertEquals(1e-7, rms.getEpsilon());
        var nesterov = (Nesterovs) ((OutputLayer) layer(
                        Sequential()
                                .input(2)
                                .dense(1)
                                .compile(sgd(0.1, 0.8, true), mse)
                                .configuration(),
                        0))
                .getIUpdater();
        assertEquals(0.1, nesterov.getLearningRate());
        assertEquals(0.8, nesterov.getMomentum());
    }

    @Test
    void dropoutRateIsTranslatedToDl4jsRetainProbability() {
        var conf = Sequential()
                .input(4)
                .dense(16, RELU)
                .dropout(0.2)
                .dense(3, SOFTMAX)
                .compile(adam, crossEntropy)
                .configuration();
        var dropout = (DropoutLayer) layer(conf, 1);
        assertEquals(0.8, ((Dropout) dropout.getIDropout()).getP(), 1e-12, "dropout(0.2) drops 20%: DL4J keeps 80%");
        assertInstanceOf(LossMCXENT.class, dl4jLoss(((OutputLayer) layer(conf, 2)).getLossFn()));
        assertInstanceOf(ActivationSoftmax.class, ((OutputLayer) layer(conf, 2)).getActivationFn());
    }

    @Test
    void aTrailingActivationBecomesTheLossLayer() {
        var conf = Sequential()
                .input(4)
                .dense(3)
                .activation(SOFTMAX)
                .compile(adam, crossEntropy)
                .configuration();
        assertInstanceOf(ActivationIdentity.class, ((DenseLayer) layer(conf, 0)).getActivationFn());
        var loss = (LossLayer) layer(conf, 1);
        assertInstanceOf(ActivationSoftmax.class, loss.getActivationFn());
        assertInstanceOf(LossMCXENT.class, dl4jLoss(loss.getLossFn()));
    }

    @Test
    void leakyReluKeepsItsSlope() {
        var conf = Sequential()
                .input(2)
                .dense(4, leakyRelu(0.1))
                .dense(1)
                .compile(adam, mse)
                .configuration();
        assertEquals(0.1, ((ActivationLReLU) ((DenseLayer) layer(conf, 0)).getActivationFn()).getAlpha());
    }

    @Test
    void theSeedIsAlwaysSetSoRunsReproduce() {
        var seeded = Sequential().input(2).dense(1).seed(7).compile(adam, mse).configuration();
        assertEquals(7, seeded.getConf(0).getSeed());
        var byDefault = Sequential().input(2).dense(1).compile(adam, mse);
        var again = Sequential().input(2).dense(1).compile(adam, mse);
        assertEquals(byDefault.network().params(), again.network().params());
    }

    /** DL4J's own loss inside Dendrite's wrapper, which reads sample weights. */
    private static org.nd4j.linalg.lossfunctions.ILossFunction dl4jLoss(
            org.nd4j.linalg.lossfunctions.ILossFunction loss) {
        return ((org.dendrite.runtime.WeightedExamples) loss).getOf();
    }
}
