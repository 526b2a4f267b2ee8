package org.dendrite.examples;

import java.util.HashMap;
import java.util.Map;

/** The examples' command-line options: {@code --name value} pairs. */
record Args(Map<String, String> values) {

    static Args parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException(
                        "expected --name value pairs, got \"" + args[i] + "\" at position " + (i + 1));
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Args(values);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number, got \"" + v + "\"");
        }
    }
}
