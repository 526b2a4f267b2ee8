package org.dendrite.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Dendrite's values as JSON and back, Keras's {@code get_config}/{@code from_config} idea done once
 * for every record: a record is {@code {"class_name": "Dense", "config": {"units": 12, ...}}} with
 * its components in Keras's snake case, and is rebuilt through its canonical constructor, so the
 * same argument checks run on load as on a call. A value declared as an interface (a layer, an
 * optimiser, a metric) is found by its class name in the interface's package, then in Dendrite's
 * other value packages (a loss is also a metric), or by its full name for a class outside Dendrite
 * (a user's own metric: a record, or a class built by its public constructor without arguments). Doubles that are NaN (an unset argument) are written as null.
 */
public final class RecordJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Where Dendrite keeps the values a model is described with. */
    private static final List<String> VALUE_PACKAGES = List.of(
            "layers",
            "layers.options",
            "activations",
            "initializers",
            "regularizers",
            "constraints",
            "optimizers",
            "losses",
            "metrics",
            "datasets");

    private RecordJson() {}

    /** {@code value} as JSON: a record, list, enum, string, number, boolean, float or long array, or null. */
    public static JsonNode encode(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Record record) {
            ObjectNode config = JSON.objectNode();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    config.set(
                            snakeCase(component.getName()),
                            encode(component.getAccessor().invoke(record)));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
                }
            }
            ObjectNode node = JSON.objectNode();
            node.put("class_name", className(record.getClass()));
            node.set("config", config);
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(encode(item)));
            return array;
        }
        if (value instanceof Enum<?> constant) {
            return JSON.textNode(constant.name());
        }
        if (value instanceof float[] floats) {
            ArrayNode array = JSON.arrayNode();
            for (float f : floats) {
                array.add(f);
            }
            return array;
        }
        if (value instanceof long[] longs) {
            ArrayNode array = JSON.arrayNode();
            Arrays.stream(longs).forEach(array::add);
            return array;
        }
        if (value instanceof String s) {
            return JSON.textNode(s);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return Double.isNaN(d) ? JSON.nullNode() : JSON.numberNode(d);
        }
        if (hasPublicNoArgConstructor(value.getClass())) { // a user's own metric, say: rebuilt by its constructor
            ObjectNode node = JSON.objectNode();
            node.put("class_name", className(value.getClass()));
            node.set("config", JSON.objectNode());
            return node;
        }
        throw new IllegalArgumentException(value.getClass().getName() + " (" + value
                + ") cannot be saved: make it a record," + " or give it a public constructor without arguments");
    }

    /**
     * The value of {@code type} that {@code node} describes.
     *
     * @param where where in the file, for messages: {@code "layers[2].config.units"}
     * @throws IllegalArgumentException naming {@code where} and what was expected and found
     */
    public static Object decode(JsonNode node, Type type, String where) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            require(node != null && node.isArray(), where, "a list", node);
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                items.add(decode(node.get(i), parameterized.getActualTypeArguments()[0], where + "[" + i + "]"));
            }
            return List.copyOf(items);
        }
        Class<?> raw = (Class<?>) type;
        if (node == null || node.isNull()) {
            if (raw == double.class) {
                return Double.NaN;
            }
            require(!raw.isPrimitive(), where, "a value", node);
            return null;
        }
        if (raw == int.class || raw == Integer.class) {
            require(node.canConvertToInt() && node.isIntegralNumber(), where, "an integer", node);
            return node.intValue();
        }
        if (raw == long.class || raw == Long.class) {
            require(node.isIntegralNumber(), where, "an integer", node);
            return node.longValue();
        }
        if (raw == double.class || raw == Double.class) {
            require(node.isNumber(), where, "a number", node);
            return node.doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            require(node.isBoolean(), where, "true or false", node);
            return node.booleanValue();
        }
        if (raw == String.class) {
            require(node.isTextual(), where, "a string", node);
            return node.textValue();
        }
        if (raw == float[].class || raw == long[].class) {
            require(node.isArray(), where, "a list of numbers", node);
            return raw == float[].class ? floats(node, where) : longs(node, where);
        }
        if (raw.isEnum()) {
            require(node.isTextual(), where, "one of " + Arrays.toString(raw.getEnumConstants()), node);
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(node.textValue())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(
                    where + ": expected one of " + Arrays.toString(raw.getEnumConstants()) + ", found " + node);
        }
        return record(node, raw, where);
    }

    private static Object record(JsonNode node, Class<?> declared, String where) {
        require(
                node.isObject()
                        && node.path("class_name").isTextual()
                        && node.path("config").isObject(),
                where,
                "{\"class_name\": ..., \"config\": {...}}",
                node);
        String name = node.get("class_name").textValue();
        Class<?> type = resolve(name, declared, where);
        if (!type.isRecord()) {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(where + " (" + name + "): cannot be built: " + e, e);
            }
        }
        List<Object> arguments = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = snakeCase(component.getName());
            arguments.add(decode(node.get("config").get(key), component.getGenericType(), where + ".config." + key));
            types.add(component.getType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
            return canonical.newInstance(arguments.toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(
                    where + " (" + name + "): " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Class<?> resolve(String name, Class<?> declared, String where) {
        if (declared.isRecord() && name.equals(className(declared))) {
            return declared;
        }
        List<String> candidates = new ArrayList<>();
        if (name.contains(".")) {
            candidates.add(name);
        } else {
            candidates.add(declared.getPackageName() + "." + name);
            VALUE_PACKAGES.forEach(p -> candidates.add("org.dendrite." + p + "." + name));
        }
        for (String candidate : candidates) {
            try {
                Class<?> type = Class.forName(candidate, false, declared.getClassLoader());
                if ((type.isRecord() || hasPublicNoArgConstructor(type)) && declared.isAssignableFrom(type)) {
                    return type;
                }
            } catch (ClassNotFoundException e) {
                // try the next
            }
        }
        throw new IllegalArgumentException(
                where + ": \"" + name + "\" is not a " + declared.getSimpleName() + " this version of Dendrite knows");
    }

    private static boolean hasPublicNoArgConstructor(Class<?> type) {
        try {
            return java.lang.reflect.Modifier.isPublic(type.getModifiers()) && type.getConstructor() != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static float[] floats(JsonNode node, String where) {
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            require(node.get(i).isNumber(), where + "[" + i + "]", "a number", node.get(i));
            values[i] = node.get(i).floatValue();
        }
        return values;
    }

    private static long[] longs(JsonNode node, String where) {
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            require(node.get(i).isIntegralNumber(), where + "[" + i + "]", "an integer", node.get(i));
            values[i] = node.get(i).longValue();
        }
        return values;
    }

    private static void require(boolean ok, String where, String expected, JsonNode found) {
        if (!ok) {
            throw new IllegalArgumentException(
                    where + ": expected " + expected + ", found " + (found == null ? "nothing" : found));
        }
    }

    /**
     * The name written for a class: for Dendrite's own values, its name in its package ({@code Dense},
     * {@code Normalizer$Statistics}); for any other class, its full name.
     */
    private static String className(Class<?> type) {
        String pkg = type.getPackageName();
        boolean dendrites = VALUE_PACKAGES.stream().anyMatch(p -> pkg.equals("org.dendrite." + p));
        return dendrites ? type.getName().substring(pkg.length() + 1) : type.getName();
    }

    /** {@code returnSequences} → {@code return_sequences}, as Keras names its arguments. */
    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
