package org.dendrite.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * RMSprop and Adadelta for DJL's PyTorch engine, which implements neither update: PyTorch's
 * formulas (those of {@code bench.py}'s optimisers) in NDArray operations, each temporary closed.
 */
final class DjlUpdates extends Optimizer {

    private final boolean adadelta;
    private final float rate;
    private final float rho;
    private final float epsilon;
    private final Map<String, NDArray> squares = new HashMap<>();
    private final Map<String, NDArray> deltas = new HashMap<>();

    private DjlUpdates(boolean adadelta, float rate, float rho, float epsilon) {
        super(new Builder());
        this.adadelta = adadelta;
        this.rate = rate;
        this.rho = rho;
        this.epsilon = epsilon;
    }

    /** RMSprop as in W2: rate 1e-3, rho 0.9, epsilon 1e-7. */
    static Optimizer pytorchRmsprop() {
        return new DjlUpdates(false, 1e-3f, 0.9f, 1e-7f);
    }

    /** Adadelta as in W3: rate 1, rho 0.95, epsilon 1e-7. */
    static Optimizer pytorchAdadelta() {
        return new DjlUpdates(true, 1f, 0.95f, 1e-7f);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        NDArray square = squares.computeIfAbsent(parameterId, id -> weight.zerosLike());
        try (NDArray g2 = grad.square()) {
            square.muli(rho).addi(g2.muli(1 - rho));
        }
        if (!adadelta) {
            try (NDArray root = square.sqrt();
                    NDArray step = grad.div(root.addi(epsilon))) {
                weight.subi(step.muli(rate));
            }
            return;
        }
        NDArray delta = deltas.computeIfAbsent(parameterId, id -> weight.zerosLike());
        try (NDArray up = delta.add(epsilon);
                NDArray upRoot = up.sqrt();
                NDArray down = square.add(epsilon);
                NDArray downRoot = down.sqrt();
                NDArray step = upRoot.div(downRoot).muli(grad)) {
            try (NDArray s2 = step.square()) {
                delta.muli(rho).addi(s2.muli(1 - rho));
            }
            weight.subi(step.muli(rate));
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
