package org.dendrite.callbacks;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dendrite.History;
import org.dendrite.Model;
import org.dendrite.TestData;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void withPlainSgdEachLayersUpdateIsTheLearningRateTimesItsGradient() throws Exception {
        Model model = Sequential().dense(8, RELU, HE).dense(1, SIGMOID).compile(sgd(0.1), crossEntropy);
        model.fit(
                TestData.blobs(40, 2),
                epochs(1)
                        .batch(8)
                        .verbose(0)
                        .callbacks(Dashboard.create().name("sgd").magnitudesEvery(2)));
        String run = runJson(get(Dashboard.url() + "runs.json").body(), "sgd");
        Matcher m = Pattern.compile("\\[(\\d+),(\\d+),\\[([^\\]]*)\\],\\[([^\\]]*)\\],\\[([^\\]]*)\\]\\]")
                .matcher(run.substring(run.indexOf("\"magnitudes\"")));
        int rows = 0;
        while (m.find()) {
            String[] update = m.group(4).split(",");
            String[] gradient = m.group(5).split(",");
            for (int layer = 0; layer < 2; layer++) {
                double g = Double.parseDouble(gradient[layer]);
                assertTrue(g > 0, "layer " + layer + " has a gradient");
                // SGD's update is exactly -0.1·g, so the means of their absolute values differ by 0.1.
                assertEquals(0.1 * g, Double.parseDouble(update[layer]), 1e-5 * g, "layer " + layer);
            }
            rows++;
        }
        assertEquals(2, rows, "steps 2 and 4 of 5");
    }

    private static Model small() {
        return Sequential().dense(8, RELU, HE).dense(1, SIGMOID).compile(adam(0.01), crossEntropy, accuracy);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A raw request line, as a client that does not normalise paths sends it. */
    static String raw(int port, String requestLine, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The run named {@code name} in runs.json: its object's text. */
    static String runJson(String json, String name) {
        int at = json.indexOf("\"name\":\"" + name + "\"");
        assertTrue(at >= 0, name + " not in " + json);
        int start = json.lastIndexOf("{\"id\":", at);
        int end = json.indexOf("{\"id\":", at);
        return json.substring(start, end < 0 ? json.length() : end);
    }

    /** Every epoch's value of {@code metric} in a run's JSON, in order. */
    static List<Double> values(String run, String metric) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(metric) + "\":(null|[-0-9.eE]+)")
                .matcher(run);
        List<Double> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).equals("null") ? Double.NaN : Double.parseDouble(m.group(1)));
        }
        return out;
    }

    @Test
    void servesThePageAndEveryEpochOfTheRunWhileAndAfterTraining() throws Exception {
        AtomicReference<String> during = new AtomicReference<>();
        Callback peek = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                if (epoch == 2) {
                    try {
                        during.set(get(Dashboard.url() + "runs.json").body());
                    } catch (IOException | InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        };
        History history = small().fit(
                        TestData.noisy(3),
                        epochs(4)
                                .batch(16)
                                .validationSplit(0.25)
                                .verbose(0)
                                .callbacks(dashboard().name("dashboard-test"), peek));

        String url = Dashboard.url();
        assertNotNull(url);
        assertTrue(url.startsWith("http://127.0.0.1:"), url);
        int port = URI.create(url).getPort();

        // while training: the run is there, running, with the epochs so far (the dashboard's onEpochEnd ran first)
        String whileRunning = runJson(during.get(), "dashboard-test");
        assertTrue(whileRunning.contains("\"status\":\"running\""), whileRunning);
        assertEquals(history.loss().subList(0, 2), values(whileRunning, "loss"));

        var page = get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("dashboard.js"), page.body());
        assertEquals(
                "text/html; charset=utf-8",
                page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(200, get(url + "dashboard.js").statusCode());
        assertEquals(200, get(url + "dashboard.css").statusCode());

        var runs = get(url + "runs.json");
        assertEquals(200, runs.statusCode());
        assertTrue(runs.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        String run = runJson(runs.body(), "dashboard-test");
        assertTrue(run.contains("\"status\":\"finished\""), run);
        assertEquals(
                List.of(1, 2, 3, 4),
                values(run, "epoch").stream().map(Double::intValue).toList());
        for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            assertEquals(history.metric(metric), values(run, metric), metric + " as the History has it, bit for bit");
        }
        assertEquals(List.of(0.01, 0.01, 0.01, 0.01), values(run, "lr"));
        assertEquals(4, values(run, "seconds").size());
        assertTrue(values(run, "seconds").stream().allMatch(s -> s > 0 && s < 60), run);
        assertTrue(run.contains("\"batchCount\":16"), "60 training examples in batches of 16: 4 a epoch; " + run);
        assertTrue(run.contains("dense (Dense)") || run.contains("dense"), "the model summary: " + run);

        // the server listens on loopback only
        assertTrue(
                Dashboard.boundAddress().getAddress().isLoopbackAddress(),
                Dashboard.boundAddress().toString());

        // nothing but its own resources; no paths from the request
        for (String path : List.of(
                "/../etc/passwd",
                "/etc/passwd",
                "/index.html/..",
                "/dashboard.js/../../x",
                "/org/dendrite/dashboard/index.html",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/runs.json/",
                "/favicon.ico",
                "/?x=1")) {
            String response = raw(port, "GET " + path + " HTTP/1.1", "127.0.0.1:" + port);
            assertTrue(response.startsWith("HTTP/1.1 404"), path + ": " + response);
        }
        assertEquals(404, get(url + "nothing").statusCode());
        assertTrue(raw(port, "POST /runs.json HTTP/1.1", "127.0.0.1:" + port).startsWith("HTTP/1.1 405"));
        assertTrue(
                raw(port, "GET /runs.json HTTP/1.1", "attacker.example:" + port).startsWith("HTTP/1.1 403"),
                "a rebound host name is refused");
        assertTrue(raw(port, "GET /runs.json HTTP/1.1", "localhost:" + port).startsWith("HTTP/1.1 200"));

        // a second dashboard reuses the server and adds its run
        History second = small().fit(
                        TestData.noisy(4),
                        epochs(2).verbose(0).callbacks(dashboard().name("second")));
        assertEquals(url, Dashboard.url());
        String both = get(url + "runs.json").body();
        assertEquals(second.loss(), values(runJson(both, "second"), "loss"));
        assertEquals(history.loss(), values(runJson(both, "dashboard-test"), "loss"));
    }

    @Test
    void layerMagnitudesAreTheMeansOfTheWeightsAndOfTheLastStepsChange() throws Exception {
        Model model = small();
        List<List<org.nd4j.linalg.api.ndarray.INDArray>> weights = new java.util.ArrayList<>();
        Callback snap = new Callback() {
            @Override
            public void onTrainBegin(Training training) {
                weights.add(model.getWeights()); // step 0
            }

            @Override
            public void onBatchEnd(int epoch, int batch, double loss, Training training) {
                weights.add(model.getWeights());
            }
        };
        // 40 examples, batch 8: 5 steps an epoch, 10 in all; every 3rd recorded: steps 3, 6, 9
        model.fit(
                TestData.blobs(40, 2),
                epochs(2)
                        .batch(8)
                        .verbose(0)
                        .callbacks(Dashboard.create().name("magnitudes").magnitudesEvery(3), snap));
        String run = runJson(get(Dashboard.url() + "runs.json").body(), "magnitudes");
        assertTrue(run.contains("\"magnitudes\":{\"layers\":[\""), run);
        Matcher m = Pattern.compile("\\[(\\d+),(\\d+),\\[([^\\]]*)\\],\\[([^\\]]*)\\],\\[([^\\]]*)\\]\\]")
                .matcher(run.substring(run.indexOf("\"magnitudes\"")));
        List<Integer> steps = new java.util.ArrayList<>();
        while (m.find()) {
            int step = Integer.parseInt(m.group(1));
            steps.add(step);
            assertEquals(step <= 5 ? 1 : 2, Integer.parseInt(m.group(2)), "epoch of step " + step);
            String[] w = m.group(3).split(",");
            String[] u = m.group(4).split(",");
            assertEquals(2, w.length);
            for (int layer = 0; layer < 2; layer++) {
                double absSum = 0, changeSum = 0;
                long count = 0;
                for (int k = 2 * layer; k < 2 * layer + 2; k++) { // kernel and bias
                    var after = weights.get(step).get(k);
                    absSum += org.nd4j.linalg.ops.transforms.Transforms.abs(after)
                            .sumNumber()
                            .doubleValue();
                    changeSum += org.nd4j.linalg.ops.transforms.Transforms.abs(
                                    after.sub(weights.get(step - 1).get(k)))
                            .sumNumber()
                            .doubleValue();
                    count += after.length();
                }
                double weight = absSum / count, update = changeSum / count;
                assertEquals(weight, Double.parseDouble(w[layer]), weight * 1e-5, "mean |w|, step " + step);
                assertEquals(update, Double.parseDouble(u[layer]), update * 1e-4, "mean |update|, step " + step);
                assertTrue(update > 0 && update / weight < 0.5, "ratio " + update / weight);
            }
        }
        assertEquals(List.of(3, 6, 9), steps);
        assertThrows(IllegalArgumentException.class, () -> Dashboard.create().magnitudesEvery(-1));
    }

    @Test
    void aSavedRunIsServedAgainAfterARestartEqualToItsHistory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path runs = dir.resolve("runs");
        List<Integer> filesAtEpochEnd = new java.util.ArrayList<>();
        Callback count = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
                try (var files = java.nio.file.Files.list(runs)) {
                    filesAtEpochEnd.add((int) files.count()); // written before the callbacks after it
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        History history = small().fit(
                        TestData.blobs(40, 3),
                        epochs(3)
                                .batch(8)
                                .validationSplit(0.25)
                                .verbose(0)
                                .callbacks(dashboard(runs).name("saved run"), count));
        assertEquals(List.of(1, 1, 1), filesAtEpochEnd, "one file, no temporary left");
        java.nio.file.Path saved;
        try (var files = java.nio.file.Files.list(runs)) {
            saved = files.findFirst().orElseThrow();
        }
        assertTrue(saved.getFileName().toString().matches("saved_run-\\d+\\.json"), saved.toString());

        Dashboard.stop();
        Dashboard.clear(); // as a fresh JVM: no live runs
        assertFalse(Dashboard.runsJson().contains("saved run"));
        java.nio.file.Files.writeString(runs.resolve("broken.json"), "{\"id\": 1, \"name\": ");
        String url = Dashboard.open(runs);
        String body = get(url + "runs.json").body();
        String run = runJson(body, "saved run");
        assertTrue(run.contains("\"status\":\"finished\""), run);
        assertTrue(run.contains("\"saved\":\"" + saved.getFileName() + "\""), run);
        for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            assertEquals(history.metric(metric), values(run, metric), metric);
        }
        assertEquals(1, body.split("\"name\":\"saved run\"", -1).length - 1, "read once: " + body);
        Dashboard.open(runs); // again: nothing read twice
        assertEquals(body, get(url + "runs.json").body());
    }

    @Test
    void theServerThreadsAreDaemonsAndStopStopsIt() throws Exception {
        small().fit(TestData.noisy(5), epochs(1).verbose(0).callbacks(dashboard()));
        String url = Dashboard.url();
        assertEquals(200, get(url + "runs.json").statusCode());
        Thread.getAllStackTraces().keySet().stream()
                .filter(t ->
                        t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("dendrite-dashboard"))
                .forEach(t -> assertTrue(t.isDaemon(), t.getName() + " must not keep the JVM alive"));
        Dashboard.stop();
        assertNull(Dashboard.url());
        assertThrows(IOException.class, () -> get(url + "runs.json"));
        // the next dashboard starts it again, and the runs recorded are still there
        small().fit(TestData.noisy(5), epochs(1).verbose(0).callbacks(dashboard()));
        assertNotNull(Dashboard.url());
        assertTrue(get(Dashboard.url() + "runs.json").body().contains("\"runs\":[{"));
    }

    @Test
    void jsonIsEscaped() {
        StringBuilder out = new StringBuilder();
        Dashboard.string(out, "a\"b\\c\nd\u0001</script>");
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\\u003c/script\\u003e\"", out.toString());
        StringBuilder n = new StringBuilder();
        Dashboard.number(n, Double.NaN);
        n.append(',');
        Dashboard.number(n, 1e-300);
        assertEquals("null,1.0E-300", n.toString());
    }

    @Test
    void aTakenPortGivesTheNextOneOrAClearMessageWhenChosen() throws Exception {
        Dashboard.stop();
        try (var taken = new java.net.ServerSocket()) {
            try {
                taken.bind(new java.net.InetSocketAddress("127.0.0.1", Dashboard.DEFAULT_PORT));
            } catch (java.net.BindException e) {
                // something else holds the default port already: the same case
            }
            small().fit(TestData.noisy(6), epochs(1).verbose(0).callbacks(dashboard()));
            int port = URI.create(Dashboard.url()).getPort();
            assertNotEquals(Dashboard.DEFAULT_PORT, port);

            Dashboard.stop();
            var model = small();
            var chosen = dashboard().port(Dashboard.DEFAULT_PORT);
            var e = assertThrows(
                    java.io.UncheckedIOException.class,
                    () -> model.fit(TestData.noisy(6), epochs(1).verbose(0).callbacks(chosen)));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }
}
