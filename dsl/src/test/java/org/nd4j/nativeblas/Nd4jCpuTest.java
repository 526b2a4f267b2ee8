package org.nd4j.nativeblas;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bridge turns DL4J's oneDNN layer helpers on, and they compute what DL4J's own code does. */
class Nd4jCpuTest {

    private static final String HELPERS_OFF = "org.eclipse.deeplearning4j.helpers.disable";

    private static MultiLayerNetwork convNet() {
        return Sequential()
                .input(12, 12, 2)
                .conv2d(4, 3, RELU)
                .batchNorm()
                .maxPool(2)
                .flatten()
                .dense(3, SOFTMAX)
                .compile(adam, crossEntropy)
                .network();
    }

    @Test
    void dl4jFindsOneDnnThroughTheBridge() {
        assertTrue(Nd4jCpu.Environment.getInstance().isUseMKLDNN());
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled());
    }

    @Test
    void convolutionBatchNormAndPoolingRunOnTheOneDnnHelpers() {
        MultiLayerNetwork net = convNet();
        assertInstanceOf(MKLDNNConvHelper.class, net.getLayer(0).getHelper());
        assertInstanceOf(MKLDNNBatchNormHelper.class, net.getLayer(1).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, net.getLayer(2).getHelper());
    }

    @Test
    void theHelpersGiveDl4jsOwnResultsForwardAndBackward() {
        MultiLayerNetwork oneDnn = convNet();
        MultiLayerNetwork builtIn;
        System.setProperty(HELPERS_OFF, "true");
        try {
            builtIn = new MultiLayerNetwork(oneDnn.getLayerWiseConfigurations().clone());
            builtIn.init(oneDnn.params().dup(), true);
        } finally {
            System.setProperty(HELPERS_OFF, "false");
        }
        assertNull(builtIn.getLayer(0).getHelper());

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 12, 12);
        INDArray y = Nd4j.eye(3).getRows(0, 1, 2, 0, 1).castTo(DataType.FLOAT);
        assertEquals(0, oneDnn.output(x).distance1(builtIn.output(x)), 1e-4);
        oneDnn.fit(x, y);
        builtIn.fit(x, y);
        assertEquals(0, oneDnn.params().distance1(builtIn.params()) / oneDnn.numParams(), 1e-5);
    }
}
