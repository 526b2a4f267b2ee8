"""The PyTorch side of Dendrite's benchmark: the same three workloads (W1 Pima, W2 mnist_mlp,
W3 mnist_cnn) with the same layers, initialisers, optimiser settings, batch sizes and data files.

Usage: python3 bench.py PIMA_CSV MNIST_DIR REPETITIONS W3_STEPS [WORKLOAD]
Prints one line per workload: name median min max (seconds). With WORKLOAD (W1, W2 or W3) it
trains only that one, once, and prints its name and this process's peak resident bytes.
"""
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


def main():
    pima_csv, mnist_dir, repetitions, w3_steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    pima = np.loadtxt(pima_csv, delimiter=",", skiprows=1, dtype=np.float32)
    px, py = torch.from_numpy(pima[:614, :8].copy()), torch.from_numpy(pima[:614, 8:].copy())

    def mnist():
        x = torch.from_numpy(idx(mnist_dir + "/train-images-idx3-ubyte", 16).astype(np.float32) / 255).reshape(-1, 784)
        return x, torch.from_numpy(idx(mnist_dir + "/train-labels-idx1-ubyte", 8).astype(np.int64))

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
    w3 = w3_steps * 128

    def w2():
        mx, my = mnist()
        return train(mlp, rmsprop, nn.CrossEntropyLoss(), mx, my, 1, 128)

    def w3_run():
        mx, my = mnist()
        return train(cnn, adadelta, nn.CrossEntropyLoss(), mx[:w3].reshape(-1, 1, 28, 28), my[:w3], 1, 128)

    workloads = {"W1": lambda: train(pima_net, adam, nn.BCELoss(), px, py, 150, 10), "W2": w2, "W3": w3_run}
    if len(sys.argv) > 5:
        name = sys.argv[5]
        workloads[name]()()
        print(name, peak_bytes(), flush=True)
        return
    for name, workload in workloads.items():
        median, low, high = timed(repetitions, workload())
        print(name, median, low, high, flush=True)


if __name__ == "__main__":
    main()
