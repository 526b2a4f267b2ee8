package org.dendrite.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.ServerSocket;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.rpc.RpcEnv;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A standalone master is checked before a Spark context starts on it: reachable, and of the driver's Spark version. */
class MasterCheckTest {

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableMasterIsAClearErrorNamingTheUrlWithinSeconds() throws IOException {
        String url = "spark://127.0.0.1:" + freePort();
        long start = System.nanoTime();
        var e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.connect(url));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("cannot reach the Spark master " + url + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void aMasterUrlWithoutAPortIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparkTraining.connect("spark://localhost"));
        assertEquals("the Spark master URL spark://localhost lacks a port: spark://host:7077", e.getMessage());
    }

    @Test
    @Tag("slow")
    void aRealMastersVersionIsReadFromItsWebUiAndAnotherVersionIsRefusedNamingBoth() throws IOException {
        int port = freePort();
        int uiPort = freePort();
        SparkConf conf = new SparkConf().set("spark.dendrite.masterUiPort", String.valueOf(uiPort));
        RpcEnv master = Master.startRpcEnvAndEndpoint("127.0.0.1", port, uiPort, new SparkConf())
                ._1();
        try {
            String url = "spark://127.0.0.1:" + port;
            String driver = org.apache.spark.package$.MODULE$.SPARK_VERSION();
            assertEquals(driver, MasterCheck.version("127.0.0.1", uiPort).orElseThrow());
            MasterCheck.check(url, conf, driver); // the same version passes

            var e = assertThrows(IllegalStateException.class, () -> MasterCheck.check(url, conf, "3.3.2"));
            assertTrue(
                    e.getMessage()
                            .startsWith("the Spark master " + url + " runs Spark " + driver
                                    + ", but this driver has Spark 3.3.2"),
                    e.getMessage());
        } finally {
            master.shutdown();
            master.awaitTermination();
        }
    }
}
