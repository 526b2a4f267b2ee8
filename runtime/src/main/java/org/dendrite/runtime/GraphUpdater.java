package org.dendrite.runtime;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's updater for a {@link ComputationGraph}, taking its fast path again: what
 * {@link NetworkUpdater} does for a layer stack, for a functional model's graph, with the same
 * {@link DirectUpdater}s.
 */
public final class GraphUpdater extends ComputationGraphUpdater {

    static {
        Dl4jVersion.expectedBy("GraphUpdater (DL4J's standard updater path)");
    }

    private GraphUpdater(ComputationGraph graph, INDArray state) {
        super(graph, state);
        DirectUpdater.installIn(this);
    }

    /** Puts this updater on {@code graph}, keeping the optimiser's state (Adam's moments and so on). */
    public static void install(ComputationGraph graph) {
        var current = graph.getUpdater();
        if (!(current instanceof GraphUpdater)) {
            graph.setUpdater(new GraphUpdater(graph, current.getStateViewArray()));
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
