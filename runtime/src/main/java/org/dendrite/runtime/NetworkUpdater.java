package org.dendrite.runtime;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's updater for a {@link MultiLayerNetwork}, taking its fast path again.
 *
 * <p>DL4J's updater tells the network's own gradient from an "external" one (computed elsewhere, as
 * RL4J does) by comparing the gradient's flattened array with the network's by identity. In
 * 1.0.0-M2.1 the gradient hands out a new reshaped view of that array each time, so every step took
 * the external path: per parameter, two reshapes and two sub-array views of the whole network before
 * and after the optimiser, whether or not any L1/L2 applies (about 100 of the 270 arrays of a Pima
 * training step). This updater passes DL4J the network's own array when the gradient is the
 * network's, so DL4J takes its standard path, and an external gradient still takes DL4J's external
 * path. RMSprop, Adam and AdaDelta steps run as {@link DirectUpdater}s: DL4J's formulas, computed
 * faster.
 */
public final class NetworkUpdater extends MultiLayerUpdater {

    static {
        Dl4jVersion.expectedBy("NetworkUpdater (DL4J's standard updater path)");
    }

    private NetworkUpdater(MultiLayerNetwork network, INDArray state) {
        super(network, state);
        DirectUpdater.installIn(this);
    }

    /** Puts this updater on {@code network}, keeping the optimiser's state (Adam's moments and so on). */
    public static void install(MultiLayerNetwork network) {
        Updater current = network.getUpdater();
        if (!(current instanceof NetworkUpdater)) {
            network.setUpdater(new NetworkUpdater(network, current.getStateViewArray()));
        }
    }

    @Override
    public synchronized void update(
            Gradient gradient, int iteration, int epoch, int batchSize, LayerWorkspaceMgr workspaces) {
        super.update(
                OwnGradient.standardPath(gradient, getFlattenedGradientsView()),
                iteration,
                epoch,
                batchSize,
                workspaces);
    }
}
