package org.dendrite.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * Checks a standalone master before a Spark context is started on it. Spark itself would retry an
 * unreachable master for about a minute ("All masters are unresponsive! Giving up."), and a master
 * of another Spark version fails on its RPC messages' serialisation with nothing in the driver's
 * output; both become a clear error here, within seconds.
 *
 * <p>The version is read from the master's web UI (port {@code spark.dendrite.masterUiPort},
 * default 8080, as {@code start-master.sh} sets it): its page header shows the Spark version. The
 * standalone master offers no other way to ask it (its JSON at {@code /json} has no version, and the
 * REST submission server that reports one is off by default). A UI that cannot be read leaves the
 * version unchecked, with a warning. Driver and master must agree on major and minor version.
 */
final class MasterCheck {

    private static final int CONNECT_MILLIS = 3000;
    private static final Pattern VERSION = Pattern.compile("class=\"version\"[^>]*>\\s*([0-9][^<\\s]*)\\s*<");

    private MasterCheck() {}

    /** Checks a {@code spark://} master (each of a list of masters); other URLs ({@code local[2]}, {@code yarn}) pass. */
    static void check(String masterUrl, SparkConf conf) {
        check(masterUrl, conf, org.apache.spark.package$.MODULE$.SPARK_VERSION());
    }

    /** As {@link #check(String, SparkConf)}, for a driver of Spark {@code driverVersion}. */
    static void check(String masterUrl, SparkConf conf, String driverVersion) {
        if (!masterUrl.startsWith("spark://")) {
            return;
        }
        int uiPort = conf.getInt("spark.dendrite.masterUiPort", 8080);
        List<String> refusals = new ArrayList<>();
        for (InetSocketAddress master : addresses(masterUrl)) {
            String refused = refusal(master);
            if (refused == null) {
                version(master.getHostString(), uiPort).ifPresent(v -> requireSameVersion(masterUrl, v, driverVersion));
                return;
            }
            refusals.add(refused);
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + masterUrl + ": "
                + String.join("; ", refusals) + ". Is the master running (sbin/start-master.sh, or"
                + " spark/cluster-demo.sh here), and is the URL the one its log prints?");
    }

    /** The masters of {@code spark://h1:7077,h2:7077}. */
    static List<InetSocketAddress> addresses(String masterUrl) {
        List<InetSocketAddress> all = new ArrayList<>();
        for (String part : masterUrl.substring("spark://".length()).split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "the Spark master URL " + masterUrl + " lacks a port: spark://host:7077");
            }
            try {
                all.add(InetSocketAddress.createUnresolved(
                        part.substring(0, colon), Integer.parseInt(part.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "the Spark master URL " + masterUrl + " has no valid port in \"" + part + "\"", e);
            }
        }
        return all;
    }

    /** Why a TCP connection to the master fails, or null if it succeeds. */
    private static String refusal(InetSocketAddress master) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(master.getHostString(), master.getPort()), CONNECT_MILLIS);
            return null;
        } catch (IOException e) {
            return master.getHostString() + ":" + master.getPort() + " "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
    }

    /** The Spark version the master's web UI shows, if it can be read. */
    static java.util.Optional<String> version(String host, int uiPort) {
        String page = "http://" + host + ":" + uiPort + "/";
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(page).toURL().openConnection();
            connection.setConnectTimeout(CONNECT_MILLIS);
            connection.setReadTimeout(CONNECT_MILLIS);
            try (InputStream in = connection.getInputStream()) {
                Matcher m = VERSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (m.find()) {
                    return java.util.Optional.of(m.group(1));
                }
            }
        } catch (IOException e) {
            // fall through: unchecked, with a warning
        }
        org.slf4j.LoggerFactory.getLogger(MasterCheck.class)
                .warn(
                        "could not read the Spark master's version from {} (set spark.dendrite.masterUiPort if its"
                                + " web UI is elsewhere); the version is not checked",
                        page);
        return java.util.Optional.empty();
    }

    /** Refuses a master whose major.minor version differs from the driver's. */
    static void requireSameVersion(String masterUrl, String masterVersion, String driverVersion) {
        if (!majorMinor(masterVersion).equals(majorMinor(driverVersion))) {
            throw new IllegalStateException("the Spark master " + masterUrl + " runs Spark " + masterVersion
                    + ", but this driver has Spark " + driverVersion + " (dendrite-spark's spark.version):"
                    + " driver and cluster must run the same Spark " + majorMinor(driverVersion)
                    + ".x. Build the job with -Dspark.version=" + masterVersion + " or run a "
                    + majorMinor(driverVersion) + " cluster");
        }
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }
}
