package org.dendrite.callbacks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A live training dashboard in the browser, as TensorBoard is for Keras: {@code
 * model.fit(train, epochs(50).callbacks(dashboard()))} prints {@code dashboard: http://127.0.0.1:PORT/}
 * once and serves a page that redraws, every second, the loss and each metric per epoch (train and
 * validation), the loss of every batch, the learning rate and the seconds per epoch of every run
 * of this JVM, with each model's summary, and each layer's mean |weight|, mean |update| and
 * their ratio (log10) every {@link #magnitudesEvery} batches.
 *
 * <p>One small HTTP server per JVM (the JDK's {@code com.sun.net.httpserver}), started at the
 * first training run that has a dashboard and shared by every later one. It listens on 127.0.0.1
 * only, unless {@link #host(String)} names another address; its port is {@link #DEFAULT_PORT}, or
 * the next free one when that is taken (or {@link #port(int)}; 0 for any free port). It serves
 * its own page, script and style from the jar and the runs as JSON: read-only, no other path, no
 * files, requests naming another host refused (DNS rebinding). Its threads are daemon threads: it
 * never keeps the JVM alive nor blocks JShell; {@link #stop()} ends it.
 */
public final class Dashboard implements Callback {

    /** The port tried first (TensorBoard's is 6006). */
    public static final int DEFAULT_PORT = 8050;

    /** Ports tried after a taken default before any free port is accepted. */
    private static final int PORTS_TRIED = 20;

    private static final Object LOCK = new Object();
    private static Server server;
    private static final List<Run> RUNS = new ArrayList<>();
    private static final AtomicInteger RUN_NUMBERS = new AtomicInteger();
    /** Whether the URL was printed: once per JVM (and again after a restart of the server). */
    private static final java.util.concurrent.atomic.AtomicBoolean announced =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Batches between two records of the layers' weight and update magnitudes, unless {@link #magnitudesEvery} says. */
    public static final int DEFAULT_MAGNITUDES_EVERY = 50;

    private final String name;
    private final String host;
    private final int port;
    private final int magnitudesEvery;
    /** Where each run is saved, or null. */
    private final java.nio.file.Path dir;

    private Run run;
    private java.nio.file.Path file;
    /** The global step (batches since the run began) and, before a recorded step, each layer's parameters. */
    private int step;

    private INDArray[] before;
    /** Each weighted layer's mean |gradient| in the step being recorded, from DL4J before its optimiser, or null. */
    private volatile double[] gradients;

    private Dashboard(String name, String host, int port, int magnitudesEvery, java.nio.file.Path dir) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.magnitudesEvery = magnitudesEvery;
        this.dir = dir;
    }

    /** A dashboard on 127.0.0.1, port {@link #DEFAULT_PORT} or the next free one; runs named {@code run 1}, {@code run 2}, … */
    public static Dashboard create() {
        return new Dashboard(null, "127.0.0.1", -1, DEFAULT_MAGNITUDES_EVERY, null);
    }

    /** The same, naming this dashboard's runs (several fits with one dashboard get {@code name}, {@code name (2)}, …). */
    public Dashboard name(String runName) {
        return new Dashboard(Objects.requireNonNull(runName, "runName"), host, port, magnitudesEvery, dir);
    }

    /**
     * Listens on another address: an explicit choice, as anyone who reaches it can read the runs
     * (e.g. {@code "0.0.0.0"}: every interface). Only the dashboard that starts the server chooses.
     */
    public Dashboard host(String address) {
        return new Dashboard(name, Objects.requireNonNull(address, "address"), port, magnitudesEvery, dir);
    }

    /** Listens on {@code port} exactly (0: any free port); refused when it is taken. */
    public Dashboard port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: 0 to 65535, received " + port);
        }
        return new Dashboard(name, host, port, magnitudesEvery, dir);
    }

    /**
     * Records each layer's mean |weight| and mean |update| (its weights after a step minus before
     * it, learning rate and optimiser included) at every {@code k}-th batch, whose ratio the page
     * draws as log10 (DL4J's UI teaches to keep it near -3); 0: never. The cost is one copy of the
     * weights every k batches. If not set, {@link #DEFAULT_MAGNITUDES_EVERY}.
     */
    public Dashboard magnitudesEvery(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("magnitudesEvery: 0 (never) or more batches, received " + k);
        }
        return new Dashboard(name, host, port, k, dir);
    }

    /**
     * Also saves each run to a file in {@code dir} ({@code NAME-STARTED.json}, the run as
     * {@code runs.json} serves it), replaced atomically at each epoch end and when training ends;
     * at the start of training the runs saved there before are shown beside it, as {@link #open} shows them.
     */
    public Dashboard saveTo(java.nio.file.Path dir) {
        return new Dashboard(name, host, port, magnitudesEvery, Objects.requireNonNull(dir, "dir"));
    }

    /**
     * Serves the runs saved in {@code dir} (by {@link #saveTo}) beside this JVM's live ones, for
     * comparison, without training: starts the server if none runs and returns the page's address.
     * Only the files found now are read (call again for newer ones); a file that is not a saved
     * run is skipped with a message. The server serves what was read, never a path of the request.
     */
    public static String open(java.nio.file.Path dir) throws IOException {
        load(dir);
        String url = start("127.0.0.1", -1);
        if (!announced.getAndSet(true)) {
            System.out.println("dashboard: " + url);
        }
        return url;
    }

    /** Forgets every run that is not training now (live ones and those read from files). */
    public static void clear() {
        synchronized (LOCK) {
            RUNS.removeIf(r -> !r.running());
            WRITTEN.values().removeIf(r -> !RUNS.contains(r)); // their files read back as saved runs from now on
            LOADED.clear();
            LOADED_FILES.clear();
        }
    }

    /** Saved runs read from files: their JSON, the id replaced by one of this JVM. */
    private static final List<String> LOADED = new ArrayList<>();
    /** The files read, and those this JVM's runs write (never read back as saved runs). */
    private static final java.util.Set<java.nio.file.Path> LOADED_FILES = new java.util.HashSet<>();

    private static final Map<java.nio.file.Path, Run> WRITTEN = new java.util.HashMap<>();

    private static void load(java.nio.file.Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        List<java.nio.file.Path> files;
        try (var listing = java.nio.file.Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .map(f -> f.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (java.nio.file.Path f : files) {
            synchronized (LOCK) {
                if (WRITTEN.containsKey(f) || LOADED_FILES.contains(f)) {
                    continue;
                }
            }
            String text = java.nio.file.Files.readString(f);
            com.fasterxml.jackson.databind.JsonNode tree;
            try {
                tree = mapper.readTree(text);
            } catch (IOException e) {
                System.out.println("dashboard: skipped " + f + ": not JSON");
                continue;
            }
            if (tree == null
                    || !tree.isObject()
                    || !tree.path("id").isInt()
                    || !tree.path("name").isTextual()
                    || !tree.path("epochs").isArray()) {
                System.out.println("dashboard: skipped " + f + ": not a saved run");
                continue;
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("id", RUN_NUMBERS.incrementAndGet());
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree)
                    .put("saved", f.getFileName().toString());
            StringBuilder json = new StringBuilder();
            // re-escaped as the live runs are (<, >, & escaped), since the text came from a file
            json.append(mapper.writeValueAsString(tree)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026"));
            synchronized (LOCK) {
                LOADED.add(json.toString());
                LOADED_FILES.add(f);
            }
        }
    }

    /** Writes the run to its file: to a temporary file beside it, then moved over it atomically. */
    private void save() {
        if (file == null) {
            return;
        }
        StringBuilder out = new StringBuilder(4096);
        run.json(out);
        try {
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            java.nio.file.Files.writeString(tmp, out);
            java.nio.file.Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard: cannot save the run to " + file, e);
        }
    }

    /** The page's address if the server runs, else null. */
    public static String url() {
        synchronized (LOCK) {
            return server == null ? null : server.url;
        }
    }

    /** The address and port the server listens on, or null when it does not run. */
    public static InetSocketAddress boundAddress() {
        synchronized (LOCK) {
            return server == null ? null : server.http.getAddress();
        }
    }

    /** Stops the server (the runs recorded stay, and the next dashboard starts it again). */
    public static void stop() {
        synchronized (LOCK) {
            if (server != null) {
                server.http.stop(0);
                server.executor.shutdownNow();
                server = null;
                announced.set(false);
            }
        }
    }

    @Override
    public void onTrainBegin(Training training) {
        if (dir != null) {
            try {
                java.nio.file.Files.createDirectories(dir);
                load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("dashboard: cannot use " + dir, e);
            }
        }
        String url = start(host, port);
        String summary;
        try {
            summary = training.summary();
        } catch (RuntimeException e) {
            summary = "";
        }
        int number = RUN_NUMBERS.incrementAndGet();
        String base = name == null ? "run " + number : name;
        synchronized (LOCK) {
            long same = RUNS.stream().filter(r -> r.base.equals(base)).count();
            run = new Run(
                    number,
                    base,
                    same == 0 ? base : base + " (" + (same + 1) + ")",
                    summary,
                    training.epochs(),
                    List.copyOf(training.loggedNames()));
            RUNS.add(run);
        }
        run.epochStart = System.nanoTime();
        if (dir != null) {
            file = dir.resolve(run.name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + run.started + ".json")
                    .toAbsolutePath()
                    .normalize();
            synchronized (LOCK) {
                WRITTEN.put(file, run);
            }
        }
        step = 0;
        before = null;
        gradients = null;
        if (magnitudesEvery > 0) {
            addListener(training.network(), gradientsListener);
            List<String> names = new ArrayList<>();
            for (Layer layer : weighted(training.network())) {
                names.add(layerName(layer));
            }
            run.layers(names);
            if (magnitudesEvery == 1) {
                before = snapshot(training.network());
            }
        }
        if (!announced.getAndSet(true)) {
            System.out.println("dashboard: " + url);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Training training) {
        run.epochStart = System.nanoTime();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, double loss, Training training) {
        run.batch(epoch, loss);
        if (magnitudesEvery > 0) {
            step++;
            if (before != null && step % magnitudesEvery == 0) {
                List<Layer> layers = weighted(training.network());
                double[] weight = new double[layers.size()];
                double[] update = new double[layers.size()];
                for (int i = 0; i < layers.size() && i < before.length; i++) {
                    INDArray now = layers.get(i).params();
                    weight[i] = now.norm1Number().doubleValue() / now.length();
                    update[i] = now.sub(before[i]).norm1Number().doubleValue() / now.length();
                }
                double[] gradient =
                        gradients != null && gradients.length == layers.size() ? gradients : new double[layers.size()];
                run.magnitudes(step, epoch, weight, update, gradient);
            }
            before = (step + 1) % magnitudesEvery == 0 ? snapshot(training.network()) : null;
            gradients = null;
        }
    }

    /** The layers that have parameters, in the network's order. */
    static List<Layer> weighted(org.deeplearning4j.nn.api.Model network) {
        Layer[] all = network instanceof MultiLayerNetwork m
                ? m.getLayers()
                : network instanceof ComputationGraph g ? g.getLayers() : new Layer[0];
        List<Layer> out = new ArrayList<>();
        for (Layer layer : all) {
            if (layer.numParams() > 0) {
                out.add(layer);
            }
        }
        return out;
    }

    private static String layerName(Layer layer) {
        String n = layer.conf() == null || layer.conf().getLayer() == null
                ? null
                : layer.conf().getLayer().getLayerName();
        return n == null ? "layer " + layer.getIndex() : n;
    }

    private static INDArray[] snapshot(org.deeplearning4j.nn.api.Model network) {
        return weighted(network).stream().map(l -> l.params().dup()).toArray(INDArray[]::new);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs, Training training) {
        run.epoch(epoch, logs, training.learningRate(), (System.nanoTime() - run.epochStart) / 1e9);
        save();
    }

    /**
     * Each weighted layer's mean |gradient| of the step under way (of the batch's mean loss, as Keras
     * differentiates it), taken when DL4J has computed the gradient and before the optimiser turns it
     * into the update; only on the steps recorded.
     */
    private final org.deeplearning4j.optimize.api.TrainingListener gradientsListener =
            new org.deeplearning4j.optimize.api.BaseTrainingListener() {
                @Override
                public void onGradientCalculation(org.deeplearning4j.nn.api.Model model) {
                    if (before == null) {
                        return;
                    }
                    List<Layer> layers = weighted(model);
                    double[] means = new double[layers.size()];
                    int batch = Math.max(1, model.batchSize()); // DL4J's gradient here is the batch's sum
                    for (int i = 0; i < means.length; i++) {
                        INDArray g = layers.get(i).getGradientsViewArray();
                        means[i] = g == null ? 0 : g.norm1Number().doubleValue() / g.length() / batch;
                    }
                    gradients = means;
                }
            };

    private static void addListener(
            org.deeplearning4j.nn.api.Model network, org.deeplearning4j.optimize.api.TrainingListener listener) {
        if (network instanceof MultiLayerNetwork m && !m.getListeners().contains(listener)) {
            m.addListeners(listener);
        } else if (network instanceof ComputationGraph g && !g.getListeners().contains(listener)) {
            g.addListeners(listener);
        }
    }

    private static void removeListener(
            org.deeplearning4j.nn.api.Model network, org.deeplearning4j.optimize.api.TrainingListener listener) {
        if (network instanceof MultiLayerNetwork m) {
            m.getListeners().remove(listener);
        } else if (network instanceof ComputationGraph g) {
            g.getListeners().remove(listener);
        }
    }

    @Override
    public void onTrainEnd(Training training) {
        removeListener(training.network(), gradientsListener);
        run.finish(training.stopRequested() ? "stopped" : "finished");
        save();
    }

    @Override
    public String toString() {
        return "dashboard(" + (url() == null ? "not started" : url()) + ")";
    }

    // ---------------------------------------------------------------- the server

    private record Server(HttpServer http, ExecutorService executor, String url, String host, int port) {}

    /** Starts the server if none runs; returns its address. */
    private static String start(String host, int port) {
        synchronized (LOCK) {
            if (server != null) {
                return server.url;
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(host);
            } catch (IOException e) {
                throw new IllegalArgumentException("dashboard: unknown host " + host, e);
            }
            HttpServer http = bind(address, port);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "dendrite-dashboard");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            http.createContext("/", Dashboard::handle);
            // HttpServer's dispatcher thread takes the daemon status of the thread that starts it.
            Thread starter = new Thread(http::start, "dendrite-dashboard-start");
            starter.setDaemon(true);
            starter.start();
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int bound = http.getAddress().getPort();
            String shown = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
            if (shown.contains(":")) {
                shown = "[" + shown + "]";
            }
            String url = "http://" + shown + ":" + bound + "/";
            server = new Server(http, executor, url, address.getHostAddress(), bound);
            if (!address.isLoopbackAddress()) {
                System.out.println("dashboard: listening on " + address.getHostAddress()
                        + ": anyone who reaches this machine can read the runs");
            }
            return url;
        }
    }

    private static HttpServer bind(InetAddress address, int port) {
        List<Integer> ports = new ArrayList<>();
        if (port >= 0) {
            ports.add(port);
        } else {
            for (int i = 0; i < PORTS_TRIED; i++) {
                ports.add(DEFAULT_PORT + i);
            }
            ports.add(0);
        }
        IOException last = null;
        for (int p : ports) {
            try {
                return HttpServer.create(new InetSocketAddress(address, p), 16);
            } catch (BindException e) {
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException("dashboard: cannot listen on " + address.getHostAddress() + ":" + p, e);
            }
        }
        throw new UncheckedIOException(
                "dashboard: port " + ports.get(0) + " on " + address.getHostAddress()
                        + " is in use; choose another with dashboard().port(n), or port(0) for any free one",
                last);
    }

    /** What the server serves: path → resource in the jar and its type; runs.json is built. */
    private static final Map<String, String[]> RESOURCES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"});

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Cache-Control", "no-store");
            headers.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:");
            headers.set("Referrer-Policy", "no-referrer");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "read-only: GET and HEAD only\n");
                return;
            }
            if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain; charset=utf-8", "unknown host\n");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (exchange.getRequestURI().getRawQuery() != null && !path.equals("/runs.json")) {
                path = "?"; // no query strings but runs.json's cache breakers
            }
            if ("/runs.json".equals(path)) {
                send(exchange, 200, "application/json; charset=utf-8", runsJson());
                return;
            }
            String[] resource = RESOURCES.get(path);
            if (resource == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            try (InputStream in = Dashboard.class.getResourceAsStream("/org/dendrite/dashboard/" + resource[0])) {
                if (in == null) {
                    send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
                    return;
                }
                send(exchange, 200, resource[1], in.readAllBytes());
            }
        }
    }

    /**
     * Whether a request's Host header names this server: when bound to a loopback address only
     * 127.0.0.1, localhost and [::1] (a page from elsewhere that rebinds its name to 127.0.0.1
     * cannot read the runs); any host when another address was chosen.
     */
    private static boolean hostAllowed(String hostHeader) {
        Server s;
        synchronized (LOCK) {
            s = server;
        }
        if (s == null) {
            return false;
        }
        InetAddress bound;
        try {
            bound = InetAddress.getByName(s.host);
        } catch (IOException e) {
            return false;
        }
        if (!bound.isLoopbackAddress()) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        String suffix = ":" + s.port;
        return h.equals("127.0.0.1" + suffix) || h.equals("localhost" + suffix) || h.equals("[::1]" + suffix);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // ---------------------------------------------------------------- what is recorded

    /** The most batch losses a run serves: beyond it, evenly spaced ones (the last always kept). */
    static final int MAX_BATCH_POINTS = 2000;

    /** One training run: appended to on the training thread, read by the server's threads. */
    static final class Run {
        final int id;
        /** The name asked for; {@link #name} adds a number to a name used before. */
        final String base;

        final String name;
        final String summary;
        final int epochsAsked;
        final List<String> logged;
        final List<Integer> epochs = new ArrayList<>();
        final List<Map<String, Double>> logs = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        /** Batch losses and the epoch of each, in growing arrays (one step adds two numbers). */
        private double[] batchLoss = new double[1024];

        private int[] batchEpoch = new int[1024];
        private int batches;
        volatile long epochStart;
        private String status = "running";
        final long started = System.currentTimeMillis();
        /** The layers with weights, and at each recorded step: [step, epoch, mean |w| each layer…, mean |update| each layer…]. */
        private List<String> layers = List.of();

        private final List<double[]> magnitudes = new ArrayList<>();

        Run(int id, String base, String name, String summary, int epochsAsked, List<String> logged) {
            this.id = id;
            this.base = base;
            this.name = name;
            this.summary = summary;
            this.epochsAsked = epochsAsked;
            this.logged = logged;
        }

        synchronized void batch(int epoch, double loss) {
            if (batches == batchLoss.length) {
                batchLoss = Arrays.copyOf(batchLoss, batches * 2);
                batchEpoch = Arrays.copyOf(batchEpoch, batches * 2);
            }
            batchLoss[batches] = loss;
            batchEpoch[batches++] = epoch;
        }

        synchronized void epoch(int epoch, Map<String, Double> values, double rate, double secs) {
            epochs.add(epoch);
            logs.add(new LinkedHashMap<>(values));
            rates.add(rate);
            seconds.add(secs);
        }

        synchronized void layers(List<String> names) {
            layers = List.copyOf(names);
        }

        synchronized void magnitudes(int step, int epoch, double[] weight, double[] update, double[] gradient) {
            double[] row = new double[2 + weight.length + update.length + gradient.length];
            row[0] = step;
            row[1] = epoch;
            System.arraycopy(weight, 0, row, 2, weight.length);
            System.arraycopy(update, 0, row, 2 + weight.length, update.length);
            System.arraycopy(gradient, 0, row, 2 + 2 * weight.length, gradient.length);
            magnitudes.add(row);
        }

        synchronized void finish(String how) {
            status = how;
        }

        synchronized boolean running() {
            return status.equals("running");
        }

        synchronized void json(StringBuilder out) {
            out.append("{\"id\":").append(id);
            out.append(",\"name\":");
            string(out, name);
            out.append(",\"status\":");
            string(out, status);
            out.append(",\"started\":").append(started);
            out.append(",\"epochsAsked\":").append(epochsAsked);
            out.append(",\"summary\":");
            string(out, summary);
            List<String> names = new ArrayList<>(logged);
            logs.forEach(
                    l -> l.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add));
            out.append(",\"metrics\":[");
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(out, names.get(i));
            }
            out.append("],\"epochs\":[");
            for (int i = 0; i < epochs.size(); i++) {
                out.append(i == 0 ? "" : ",").append("{\"epoch\":").append(epochs.get(i));
                out.append(",\"lr\":");
                number(out, rates.get(i));
                out.append(",\"seconds\":");
                number(out, seconds.get(i));
                out.append(",\"logs\":{");
                boolean first = true;
                for (var e : logs.get(i).entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    string(out, e.getKey());
                    out.append(':');
                    number(out, e.getValue());
                }
                out.append("}}");
            }
            out.append("],\"batchCount\":").append(batches);
            int stride = Math.max(1, (batches + MAX_BATCH_POINTS - 1) / MAX_BATCH_POINTS);
            out.append(",\"batchStride\":").append(stride);
            // [index from 1, epoch, loss]
            out.append(",\"batches\":[");
            boolean first = true;
            for (int i = 0; i < batches; i++) {
                if (i % stride != 0 && i != batches - 1) {
                    continue;
                }
                out.append(first ? "" : ",")
                        .append('[')
                        .append(i + 1)
                        .append(',')
                        .append(batchEpoch[i])
                        .append(',');
                first = false;
                number(out, batchLoss[i]);
                out.append(']');
            }
            // the layers' magnitudes:
            // {"layers":[…],"steps":[[step, epoch, [mean |w|…], [mean |update|…], [mean |gradient|…]]…]}
            out.append("],\"magnitudes\":{\"layers\":[");
            for (int i = 0; i < layers.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(out, layers.get(i));
            }
            out.append("],\"steps\":[");
            int n = layers.size();
            int every = Math.max(1, (magnitudes.size() + MAX_BATCH_POINTS - 1) / MAX_BATCH_POINTS);
            first = true;
            for (int r = 0; r < magnitudes.size(); r++) {
                if (r % every != 0 && r != magnitudes.size() - 1) {
                    continue;
                }
                double[] row = magnitudes.get(r);
                out.append(first ? "" : ",")
                        .append('[')
                        .append((int) row[0])
                        .append(',')
                        .append((int) row[1]);
                first = false;
                for (int part = 0; part < 3; part++) {
                    out.append(",[");
                    for (int i = 0; i < n; i++) {
                        out.append(i == 0 ? "" : ",");
                        number(out, row[2 + part * n + i]);
                    }
                    out.append(']');
                }
                out.append(']');
            }
            out.append("]}}");
        }
    }

    /** Every run of this JVM as JSON: {@code {"runs":[{"name":…,"epochs":[{"epoch":1,"logs":{…}}…]}…]}}. */
    static String runsJson() {
        List<Run> runs;
        List<String> saved;
        synchronized (LOCK) {
            runs = List.copyOf(RUNS);
            saved = List.copyOf(LOADED);
        }
        StringBuilder out = new StringBuilder(4096).append("{\"runs\":[");
        for (int i = 0; i < saved.size(); i++) {
            out.append(i == 0 ? "" : ",").append(saved.get(i));
        }
        for (int i = 0; i < runs.size(); i++) {
            out.append(i == 0 && saved.isEmpty() ? "" : ",");
            runs.get(i).json(out);
        }
        return out.append("]}").toString();
    }

    /** A double as JSON: its shortest round-trip form; null for NaN and infinities, which JSON lacks. */
    static void number(StringBuilder out, Double value) {
        if (value == null || !Double.isFinite(value)) {
            out.append("null");
        } else {
            out.append(value.doubleValue());
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped, and {@code <} (so it can sit in HTML). */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
