package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one reader of Keras weights, whichever file holds them: each layer's arrays by its name, in
 * Keras's order ({@code get_weights()}'s). Two layouts:
 * <ul>
 *   <li>Keras 2 / tf.keras: a group per layer with a {@code weight_names} attribute naming its
 *       datasets, at the root of a {@code model.save_weights("w.h5")} file (which lists them in
 *       its {@code layer_names} attribute) or under {@code model_weights} in a full-model
 *       {@code .h5} (what Keras's own {@code load_weights} also reads);
 *   <li>Keras 3: {@code layers/<class in snake case, numbered>/vars/<i>}, in a
 *       {@code model.save_weights("w.weights.h5")} file or a {@code .keras} archive's
 *       {@code model.weights.h5}, the group of each layer computed from the config
 *       ({@link KerasArchive#paths}).
 * </ul>
 */
abstract class KerasWeights {

    private KerasWeights() {}

    /** The layer's arrays, in Keras's order; empty for a layer without any (an input, a merge). */
    abstract List<INDArray> of(String layer);

    /** Where the layer's arrays are (or would be) in the file, for messages. */
    abstract String where(String layer);

    /**
     * The weights of {@code h5}, in whichever layout it has.
     *
     * @param root the model's config ({@code {"class_name": ..., "config": ...}}), which numbers a
     *     Keras 3 file's groups
     * @throws IllegalArgumentException for a file that holds neither layout
     */
    static KerasWeights of(HdfFile h5, JsonNode root) {
        if (h5.getAttributes().containsKey("layer_names")) {
            return keras2(h5, "");
        }
        if (find(h5, "model_weights") instanceof Group) {
            return keras2(h5, "model_weights/");
        }
        if (find(h5, "layers") instanceof Group || find(h5, "_layer_checkpoint_dependencies") instanceof Group) {
            return keras3(h5, KerasArchive.paths(root));
        }
        throw new IllegalArgumentException("holds no Keras weights: neither Keras 2's layout (a layer_names attribute"
                + " or a model_weights group) nor Keras 3's (a layers group); its top-level entries: "
                + h5.getChildren().keySet());
    }

    /** Keras 2's layout under {@code prefix} ("" or {@code "model_weights/"}). */
    static KerasWeights keras2(HdfFile h5, String prefix) {
        return new KerasWeights() {
            @Override
            List<INDArray> of(String layer) {
                if (!(find(h5, prefix + layer) instanceof Group group)) {
                    return List.of(); // an input or a merge: Keras keeps no group for it
                }
                Attribute listed = group.getAttributes().get("weight_names");
                List<INDArray> arrays = new ArrayList<>();
                if (listed == null) {
                    return arrays;
                }
                for (String weight : Keras.strings(listed.getData())) {
                    arrays.add(KerasArchive.array(h5.getDatasetByPath(prefix + layer + "/" + weight)));
                }
                return arrays;
            }

            @Override
            String where(String layer) {
                return "/" + prefix + layer;
            }
        };
    }

    /** Keras 3's layout, each layer's group as {@code paths} names it. */
    static KerasWeights keras3(HdfFile h5, Map<String, String> paths) {
        return new KerasWeights() {
            @Override
            List<INDArray> of(String layer) {
                String path = paths.get(layer);
                return path == null ? List.of() : vars(h5, path);
            }

            @Override
            String where(String layer) {
                String path = paths.get(layer);
                return path == null ? "no group of its own" : path + "/vars";
            }
        };
    }

    /**
     * A layer's arrays in a Keras 3 file: those of {@code <path>/vars}, then, for a recurrent layer,
     * its cell's ({@code <path>/cell/vars}), each group's numbered {@code 0, 1, ...}. A file of
     * tf.keras 2.13 to 2.15, which wrote {@code _layer_checkpoint_dependencies} for {@code layers},
     * is read as Keras 3 reads it.
     */
    static List<INDArray> vars(HdfFile h5, String path) {
        if (find(h5, path) == null && find(h5, "_layer_checkpoint_dependencies") != null) {
            path = path.replaceFirst("^layers", "_layer_checkpoint_dependencies");
        }
        List<INDArray> arrays = new ArrayList<>();
        for (String group : List.of(path + "/vars", path + "/cell/vars")) {
            if (!(find(h5, group) instanceof Group vars)) {
                continue;
            }
            for (int i = 0; vars.getChildren().get(Integer.toString(i)) instanceof Dataset data; i++) {
                arrays.add(KerasArchive.array(data));
            }
        }
        return arrays;
    }

    /** The node at {@code path}, or null. */
    static Node find(HdfFile h5, String path) {
        Node node = h5;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group group) || !group.getChildren().containsKey(part)) {
                return null;
            }
            node = group.getChildren().get(part);
        }
        return node;
    }
}
