package org.dendrite.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dendrite.constraints.Constraint;
import org.dendrite.layers.options.LayerOption;
import org.dendrite.regularizers.Regularizer;

/**
 * The options given to one layer, checked against the kinds it takes: what a layer's {@code of}
 * factory reads its Keras keyword arguments from. Each kind of option is given at most once, as
 * a keyword argument is.
 */
final class Arguments {

    private final List<LayerOption> given;

    /**
     * @param kind     the layer, for messages: {@code "Dense"}
     * @param options  what the user passed
     * @param accepted the option types this layer takes
     * @throws IllegalArgumentException naming the first option the layer does not take, and what it takes
     */
    @SafeVarargs
    Arguments(String kind, LayerOption[] options, Class<? extends LayerOption>... accepted) {
        Objects.requireNonNull(options, "options");
        for (int i = 0; i < options.length; i++) {
            if (options[i] == null) {
                throw new IllegalArgumentException(
                        kind + " received a null option (option " + (i + 1) + " of " + options.length + ")");
            }
        }
        given = List.of(options);
        for (LayerOption option : given) {
            if (Arrays.stream(accepted).noneMatch(type -> type.isInstance(option))) {
                throw new IllegalArgumentException(
                        kind + " does not take " + option + " (" + name(option.getClass()) + "); it takes "
                                + Arrays.stream(accepted).map(Arguments::name).collect(Collectors.joining(", ")));
            }
        }
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                if (given.get(i).getClass() == given.get(j).getClass()) {
                    throw new IllegalArgumentException(
                            kind + " takes one " + name(given.get(i).getClass()).replaceFirst("^an? ", "")
                                    + ", received " + given.get(i) + " and " + given.get(j));
                }
            }
        }
    }

    /** The option of {@code type}, or {@code fallback} when none was given. */
    <T extends LayerOption> T get(Class<T> type, T fallback) {
        return given.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(fallback);
    }

    /** The regularisers and constraint among the options. */
    WeightOptions weightOptions() {
        return new WeightOptions(
                get(Regularizer.class, null),
                Optional.ofNullable(get(Regularizer.BiasRegularizer.class, null))
                        .map(Regularizer.BiasRegularizer::penalty)
                        .orElse(null),
                get(Constraint.class, null));
    }

    private static String name(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "Activation" -> "an activation";
            case "Initializer" -> "an initializer";
            case "Padding" -> "SAME or VALID";
            case "Strides" -> "strides(...)";
            case "UseBias" -> "useBias(...)";
            case "Regularizer" -> "a kernel regularizer";
            case "BiasRegularizer" -> "a bias regularizer";
            case "Constraint" -> "a constraint";
            case "Dropout" -> "dropout(...)";
            default -> type.getSimpleName();
        };
    }
}
