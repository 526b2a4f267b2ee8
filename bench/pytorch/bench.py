"""The PyTorch side of Dendrite's benchmark: the same workloads with the same layers, initialisers,
optimiser settings, batch sizes and data files, 2 threads.

Usage: python3 bench.py COMMAND ARGUMENTS...
  probe                                   OpenBLAS's kernel family in this process, whether its sgemm
                                          agrees with a float64 reference, and its speed
  train PIMA_CSV MNIST_DIR REPETITIONS W3_STEPS
                                          W1-W3: one line per workload, name median min max (seconds)
  peak PIMA_CSV MNIST_DIR W3_STEPS NAME   trains NAME once; prints its name and the peak resident bytes
  lstm REPETITIONS STEPS                  W4: seconds for STEPS steps (median min max), the loss of the first and last
  infer PIMA_CSV MNIST_DIR                W5: per model, latency p50 p99 (seconds) and batch examples/s
  micro                                   single operations: name median min max (seconds per operation)
  first-epoch PIMA_CSV                    trains one Pima epoch and prints "first epoch done"
"""
import ctypes
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(42)


def glorot(model):
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def idx(path, offset):
    with open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def peak_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return -1


def timed(repetitions, work):
    work()
    seconds = []
    for _ in range(repetitions):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), min(seconds), max(seconds)


def per_call(work, rounds=5, target=0.2):
    """Seconds per call of a small piece of work: loops sized to about `target` seconds, median of rounds."""
    work()
    n, start = 1, time.perf_counter()
    while time.perf_counter() - start < 0.05:
        work()
        n += 1
    n = max(1, int(n * target / (time.perf_counter() - start)))
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            work()
        seconds.append((time.perf_counter() - start) / n)
    return statistics.median(seconds), min(seconds), max(seconds)


def train(make, optimizer, loss, x, y, epochs, batch):
    def run():
        model = make()
        opt = optimizer(model.parameters())
        model.train()
        for _ in range(epochs):
            order = torch.randperm(len(x))
            for i in range(0, len(x), batch):
                j = order[i:i + batch]
                opt.zero_grad()
                loss(model(x[j]), y[j]).backward()
                opt.step()
    return run


def pima(csv):
    data = np.loadtxt(csv, delimiter=",", skiprows=1, dtype=np.float32)
    return torch.from_numpy(data[:614, :8].copy()), torch.from_numpy(data[:614, 8:].copy())


def mnist(directory):
    x = torch.from_numpy(idx(directory + "/train-images-idx3-ubyte", 16).astype(np.float32) / 255).reshape(-1, 784)
    return x, torch.from_numpy(idx(directory + "/train-labels-idx1-ubyte", 8).astype(np.int64))


def pima_net():
    net = glorot(nn.Sequential(nn.Linear(8, 12), nn.ReLU(), nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 1), nn.Sigmoid()))
    nn.init.kaiming_normal_(net[0].weight, nonlinearity="relu")
    return net


def mlp():
    return glorot(nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.2), nn.Linear(512, 512), nn.ReLU(),
                                nn.Dropout(0.2), nn.Linear(512, 10)))


def cnn():
    return glorot(nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                                nn.Dropout(0.25), nn.Flatten(), nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5),
                                nn.Linear(128, 10)))


adam = lambda p: torch.optim.Adam(p, lr=1e-3, eps=1e-7)
rmsprop = lambda p: torch.optim.RMSprop(p, lr=1e-3, alpha=0.9, eps=1e-7)
adadelta = lambda p: torch.optim.Adadelta(p, lr=1.0, rho=0.95, eps=1e-7)


def workloads(pima_csv, mnist_dir, w3_steps):
    px, py = pima(pima_csv)
    w3 = w3_steps * 128

    def w2():
        mx, my = mnist(mnist_dir)
        return train(mlp, rmsprop, nn.CrossEntropyLoss(), mx, my, 1, 128)

    def w3_run():
        mx, my = mnist(mnist_dir)
        return train(cnn, adadelta, nn.CrossEntropyLoss(), mx[:w3].reshape(-1, 1, 28, 28), my[:w3], 1, 128)

    return {"W1": lambda: train(pima_net, adam, nn.BCELoss(), px, py, 150, 10), "W2": w2, "W3": w3_run}


def openblas_core():
    """The kernel family of the OpenBLAS this process loaded (through torch), as OpenBLAS names it."""
    for line in open("/proc/self/maps"):
        path = line.split()[-1]
        if "blas" in path:
            try:
                corename = ctypes.CDLL(path).openblas_get_corename
            except (OSError, AttributeError):
                continue
            corename.restype = ctypes.c_char_p
            return corename().decode()
    return "none"


def worst_error(c, a, b, rng):
    """Largest |c - a.b| at up to 256 entries, computed in float64 without BLAS, over sum |a||b|."""
    a64, b64, c64 = a.double().numpy(), b.double().numpy(), c.double().numpy()
    worst = 0.0
    for _ in range(min(256, c64.size)):
        i, j = rng.integers(c64.shape[0]), rng.integers(c64.shape[1])
        products = a64[i, :] * b64[:, j]
        worst = max(worst, abs(c64[i, j] - products.sum()) / (np.abs(products).sum() + 1e-30))
    return worst


def probe():
    rng = np.random.default_rng(1)
    worst = 0.0
    for m, k, n in [(10, 8, 12), (33, 65, 17), (128, 784, 512), (300, 200, 100), (2048, 2048, 2048)]:
        a, b = torch.rand(m, k) - 0.5, torch.rand(k, n) - 0.5
        worst = max(worst, worst_error(a @ b, a, b, rng))
        at, bt = a.t().contiguous(), b.t().contiguous()
        worst = max(worst, worst_error(at.t() @ b, a, b, rng), worst_error(a @ bt.t(), a, b, rng))
    big = torch.rand(2048, 2048)
    mid_a, mid_b = torch.rand(128, 784), torch.rand(784, 512)
    print(openblas_core(), worst, per_call(lambda: big @ big, 3, 0.3)[1], per_call(lambda: mid_a @ mid_b, 3, 0.2)[1])


def token_data(n, length=80, vocabulary=20000, seed=5):
    """Synthetic reviews: uniform tokens, with 8 'positive' (1..499) or 'negative' (500..999) words planted."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1000, vocabulary, size=(n, length))
    y = rng.integers(0, 2, size=n)
    for i in range(n):
        places = rng.choice(length, 8, replace=False)
        x[i, places] = rng.integers(1, 500, 8) + (0 if y[i] else 500)
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.float32)).reshape(-1, 1)


class ImdbLstm(nn.Module):
    """Keras's imdb_lstm: Embedding(20000, 128) -> LSTM(128), last step -> Dense(1, sigmoid)."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(20000, 128)
        self.lstm = nn.LSTM(128, 128, batch_first=True)
        self.dense = nn.Linear(128, 1)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return torch.sigmoid(self.dense(out[:, -1, :]))


def lstm(repetitions, steps):
    x, y = token_data(32 * steps * 2)
    losses = []

    def run():
        model = ImdbLstm()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        loss = nn.BCELoss()
        losses.clear()
        for s in range(steps):
            j = slice(32 * s, 32 * s + 32)
            opt.zero_grad()
            value = loss(model(x[j]), y[j])
            value.backward()
            opt.step()
            losses.append(value.item())
    median, low, high = timed(repetitions, run)
    print("W4", median, low, high, losses[0], losses[-1])


def infer(pima_csv, mnist_dir):
    px, _ = pima(pima_csv)
    mx, _ = mnist(mnist_dir)
    for name, model, x, singles in [("pima", pima_net(), px, 2000), ("cnn", cnn(), mx.reshape(-1, 1, 28, 28), 300)]:
        model.eval()
        with torch.no_grad():
            for i in range(10000):  # warm-up: InferenceBench.WARM_UP calls, as on the JVM sides
                row = (i % singles) % len(x)
                model(x[row:row + 1])
            seconds = []
            for i in range(singles):
                row = x[i % len(x):i % len(x) + 1]
                start = time.perf_counter()
                model(row)
                seconds.append(time.perf_counter() - start)
            seconds.sort()
            batch = x.repeat((1024 + len(x) - 1) // len(x), *([1] * (x.dim() - 1)))[:1024]
            per_batch = per_call(lambda: model(batch))[0]  # loops of ~0.2 s, median of 5, as on the JVM sides
        print(name, seconds[len(seconds) // 2], seconds[int(len(seconds) * 0.99)], 1024 / per_batch)


def micro():
    operations = {}
    for m, k, n in [(2048, 2048, 2048), (128, 784, 512), (10, 8, 12)]:
        a, b = torch.rand(m, k), torch.rand(k, n)
        operations[f"matmul_{m}x{k}x{n}"] = (lambda a=a, b=b: a @ b, 3 if m == 2048 else 5, 0.3 if m == 2048 else 0.1)
    for rows, cols in [(10, 12), (128, 512)]:
        x, y = torch.rand(rows, cols) - 0.5, torch.rand(rows, cols)
        operations[f"add_{rows}x{cols}"] = (lambda x=x, y=y: x + y, 5, 0.1)
        operations[f"relu_{rows}x{cols}"] = (lambda x=x: torch.relu(x), 5, 0.1)
        operations[f"sigmoid_{rows}x{cols}"] = (lambda x=x: torch.sigmoid(x), 5, 0.1)
    for name, (work, rounds, target) in operations.items():
        print(name, *per_call(work, rounds, target), flush=True)


def first_epoch(pima_csv):
    px, py = pima(pima_csv)
    train(pima_net, adam, nn.BCELoss(), px, py, 1, 10)()
    print("first epoch done", flush=True)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "probe":
        probe()
    elif command == "train":
        for name, workload in workloads(args[0], args[1], int(args[3])).items():
            print(name, *timed(int(args[2]), workload()), flush=True)
    elif command == "peak":
        workloads(args[0], args[1], int(args[2]))[args[3]]()()
        print(args[3], peak_bytes(), flush=True)
    elif command == "lstm":
        lstm(int(args[0]), int(args[1]))
    elif command == "infer":
        infer(args[0], args[1])
    elif command == "micro":
        micro()
    elif command == "first-epoch":
        first_epoch(args[0])
    else:
        sys.exit("unknown command " + command + "; see the usage at the top of bench.py")


if __name__ == "__main__":
    main()
