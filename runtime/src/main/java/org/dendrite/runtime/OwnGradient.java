package org.dendrite.runtime;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The network's gradient, answering {@link #gradient()} with the network's flattened array itself. */
record OwnGradient(Gradient of, INDArray flattened) implements Gradient {

    /**
     * {@code gradient} as DL4J's updater takes its standard path with it: answering with the
     * updater's own flattened array when the gradient is the network's (same memory, same length),
     * else as it is (an external gradient keeps DL4J's external path).
     */
    static Gradient standardPath(Gradient gradient, INDArray own) {
        INDArray flat = gradient.gradient();
        boolean fromNetwork = flat.data().address() == own.data().address() && flat.length() == own.length();
        return fromNetwork ? new OwnGradient(gradient, own) : gradient;
    }

    @Override
    public INDArray gradient() {
        return flattened;
    }

    @Override
    public Map<String, INDArray> gradientForVariable() {
        return of.gradientForVariable();
    }

    @Override
    public INDArray gradient(List<String> order) {
        return of.gradient(order);
    }

    @Override
    public void clear() {
        of.clear();
    }

    @Override
    public INDArray getGradientFor(String variable) {
        return of.getGradientFor(variable);
    }

    @Override
    public INDArray setGradientFor(String variable, INDArray gradient) {
        return of.setGradientFor(variable, gradient);
    }

    @Override
    public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
        return of.setGradientFor(variable, gradient, flatteningOrder);
    }

    @Override
    public Character flatteningOrderForVariable(String variable) {
        return of.flatteningOrderForVariable(variable);
    }
}
