package org.dendrite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of {@link Model#evaluate}: the loss and the metrics on one data set, the way Keras's
 * {@code evaluate} reports them. Accuracy is always there for classifiers, compiled or not.
 */
public record Evaluation(Map<String, Double> values) {

    public Evaluation {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The loss, regularisation included (as Keras reports it). */
    public double loss() {
        return metric("loss");
    }

    /** The fraction classified right (binary at 0.5 for one output, arg-max otherwise). */
    public double accuracy() {
        return metric("accuracy");
    }

    /** Any reported value by name. */
    public double metric(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no \"" + name + "\" in this evaluation; it holds " + values.keySet());
        }
        return v;
    }

    /** E.g. {@code loss: 0.4711 - accuracy: 0.7727}. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s: %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" - "));
    }
}
