package org.dendrite.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J release the patches in this package were written against, and the check each patch
 * makes when it first runs: on another release a patch may no longer be needed, or may no longer
 * fit, so it says so once, loudly, instead of failing silently.
 */
public final class Dl4jVersion {

    /** The release every patch here targets. */
    public static final String TARGET = "1.0.0-M2.1";

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jVersion.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Dl4jVersion() {}

    /** ND4J's version as its jar records it, or {@code "unknown"}. */
    public static String running() {
        try (InputStream in =
                Dl4jVersion.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Warns once per patch when the running ND4J is not {@link #TARGET}.
     *
     * @param patch what the patch does, e.g. {@code "ShapeCachingExecutioner (cached shape buffers)"}
     * @return whether the running release is the targeted one
     */
    public static boolean expectedBy(String patch) {
        String running = running();
        boolean same = TARGET.equals(running);
        if (!same && WARNED.add(patch)) {
            LOG.warn(
                    "{} was written for DL4J/ND4J {} but {} is running: check that it is still needed and still fits "
                            + "(see the runtime module's package notes)",
                    patch,
                    TARGET,
                    running);
        }
        return same;
    }
}
