"""Trainer speed against peers, and the capstone's accuracy.

The capstone network (64 → 64 → 10, ReLU, softmax cross-entropy, Adam lr=1e-3, batch 32,
30 epochs, float32, one thread) trained on the digits (ink / 16, the 70 % training split of
``stratified_split(seed=0)``) three ways, on exactly the same work:

- ``helpers``: ``mlp`` + ``SoftmaxCrossEntropy`` + ``Adam``, with ``train.batches`` and
  ``train.train_step`` (the course's own loop), every teaching check included: each
  ``train_step`` checks its batch once where it comes in (``validate.boundary``) and the
  labels in the loss; also ``train.fit`` (which checks the data once per call and adds one
  pass over the training set per epoch to record the loss and accuracy);
- ``bare numpy``: the same maths written by hand, everything inlined, Adam in place;
- ``PyTorch``: ``nn.Sequential(Linear, ReLU, Linear)``, ``CrossEntropyLoss``,
  ``optim.Adam`` on the CPU (skipped with a note when torch is not installed).

Same initial weights (copied from the helpers network), same shuffles (one
``np.random.default_rng(seed)`` permutation per epoch, as ``train.batches`` draws them),
same epochs and batches. Runs are interleaved (the order rotates every round), and each
ratio is taken within a round, then the median over rounds is reported.

Usage: python benchmarks/trainer.py [--rounds 15] [--seeds 5]
"""

from __future__ import annotations

import _common  # noqa: I001  (sets one thread before numpy is imported)

_common.one_thread()

import argparse  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(_common.ROOT))
from helpers import data, layers, losses, optim, train  # noqa: E402

try:
    import torch

    torch.set_num_threads(1)
except ImportError:
    torch = None

SIZES = [64, 64, 10]
EPOCHS, BATCH, LR = 30, 32, 1e-3
BETAS, EPS = (0.9, 0.999), 1e-8


def digits():
    X, y = data.load_digits()
    (Xtr, ytr), _val, (Xte, yte) = data.stratified_split(X / 16, y, seed=0)
    return (Xtr.astype(np.float32), ytr.astype(np.int64), Xte.astype(np.float32),
            yte.astype(np.int64))


def orders(n: int, seed: int) -> list[np.ndarray]:
    """The shuffles train.batches draws for EPOCHS epochs from one Generator."""
    rng = np.random.default_rng(seed)
    return [rng.permutation(n) for _ in range(EPOCHS)]


def initial_weights(seed: int) -> list[np.ndarray]:
    """W1, b1, W2, b2 of the helpers network built with this seed (shared by all three)."""
    model = layers.mlp(SIZES, seed=seed, dtype=np.float32)
    return [model.params[k].copy() for k in ("0.W", "0.b", "2.W", "2.b")]


# --- (a) helpers ---------------------------------------------------------------------------

def run_helpers(X, y, seed, epochs=EPOCHS):
    model = layers.mlp(SIZES, seed=seed, dtype=np.float32)
    loss_fn, opt = losses.SoftmaxCrossEntropy(), optim.Adam(model, lr=LR)
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for _epoch in range(epochs):
        for Xb, yb in train.batches(X, y, BATCH, rng):
            train.train_step(model, loss_fn, opt, Xb, yb)
    return time.perf_counter() - start, model


def run_fit(X, y, seed, epochs=EPOCHS):
    model = layers.mlp(SIZES, seed=seed, dtype=np.float32)
    loss_fn, opt = losses.SoftmaxCrossEntropy(), optim.Adam(model, lr=LR)
    start = time.perf_counter()
    train.fit(model, loss_fn, opt, X, y, epochs=epochs, batch_size=BATCH, seed=seed)
    return time.perf_counter() - start, model


def helpers_predict(model, X):
    return train.predict(model, X)


# --- (b) a bare numpy loop, everything inlined ----------------------------------------------

def run_bare(X, y, seed, epochs=EPOCHS):
    W1, b1, W2, b2 = initial_weights(seed)
    params = [W1, b1, W2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2 = BETAS
    perms = orders(len(X), seed)[:epochs]
    t = 0
    start = time.perf_counter()
    for perm in perms:
        for s in range(0, len(X), BATCH):
            idx = perm[s:s + BATCH]
            xb, yb = X[idx], y[idx]
            n = len(idx)
            rows = np.arange(n)
            # forward
            h = xb @ W1 + b1
            a = np.maximum(h, 0)
            z = a @ W2 + b2
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            total = e.sum(axis=1, keepdims=True)
            _loss = float(np.mean(np.log(total[:, 0]) - z[rows, yb]))
            # backward
            dz = e / total
            dz[rows, yb] -= 1
            dz /= n
            gW2, gb2 = a.T @ dz, dz.sum(axis=0)
            da = dz @ W2.T
            da *= h > 0
            gW1, gb1 = xb.T @ da, da.sum(axis=0)
            # Adam, in place
            t += 1
            step = LR / (1 - beta1 ** t)
            root = math.sqrt(1 - beta2 ** t)  # Python floats keep the arrays float32
            for p, g, m_, v_ in zip(params, (gW1, gb1, gW2, gb2), m, v):
                m_ *= beta1
                m_ += (1 - beta1) * g
                v_ *= beta2
                v_ += (1 - beta2) * (g * g)
                p -= step * m_ / (np.sqrt(v_) / root + EPS)
    return time.perf_counter() - start, params


def bare_predict(params, X):
    W1, b1, W2, b2 = params
    return (np.maximum(X @ W1 + b1, 0) @ W2 + b2).argmax(axis=1)


# --- (c) PyTorch on the CPU -------------------------------------------------------------

def torch_model(seed):
    W1, b1, W2, b2 = initial_weights(seed)
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(W1.T.copy()))
        model[0].bias.copy_(torch.from_numpy(b1))
        model[2].weight.copy_(torch.from_numpy(W2.T.copy()))
        model[2].bias.copy_(torch.from_numpy(b2))
    return model


def run_torch(X, y, seed, epochs=EPOCHS):
    model = torch_model(seed)
    opt = torch.optim.Adam(model.parameters(), lr=LR, betas=BETAS, eps=EPS)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    perms = [torch.from_numpy(p) for p in orders(len(X), seed)[:epochs]]
    start = time.perf_counter()
    for perm in perms:
        for s in range(0, len(X), BATCH):
            idx = perm[s:s + BATCH]
            opt.zero_grad()
            loss = loss_fn(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    return time.perf_counter() - start, model


def torch_predict(model, X):
    with torch.no_grad():
        return model(torch.from_numpy(X)).argmax(dim=1).numpy()


RUNNERS = {"helpers": run_helpers, "helpers fit": run_fit, "bare numpy": run_bare}
PREDICT = {"helpers": helpers_predict, "helpers fit": helpers_predict, "bare numpy": bare_predict}
if torch is not None:
    RUNNERS["PyTorch"] = run_torch
    PREDICT["PyTorch"] = torch_predict


def speed(X, y, rounds: int) -> dict:
    names = list(RUNNERS)
    for name in names:  # warm up: imports, caches, first-call costs
        RUNNERS[name](X, y, 0)
    times = {name: [] for name in names}
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:  # rotate the order every round
            times[name].append(RUNNERS[name](X, y, 0)[0])
        print(f"  round {r + 1}/{rounds}: " + ", ".join(
            f"{n} {times[n][-1]:.3f} s" for n in names), flush=True)

    def ratio(a, b):
        return _common.median([ta / tb for ta, tb in zip(times[a], times[b])])

    out = {"rounds": rounds, "seconds": {n: _common.median(t) for n, t in times.items()},
           "all_seconds": times,
           "ratios": {"helpers / bare numpy": ratio("helpers", "bare numpy"),
                      "helpers fit / bare numpy": ratio("helpers fit", "bare numpy")}}
    if torch is not None:
        out["ratios"]["PyTorch / helpers"] = ratio("PyTorch", "helpers")
        out["ratios"]["PyTorch / bare numpy"] = ratio("PyTorch", "bare numpy")
    return out


def accuracy(X, y, Xte, yte, seeds: int) -> dict:
    acc = {name: [] for name in ("helpers", "bare numpy", "PyTorch") if name in RUNNERS}
    for seed in range(seeds):
        for name in acc:
            _, model = RUNNERS[name](X, y, seed)
            acc[name].append(float(np.mean(PREDICT[name](model, Xte) == yte)))
    out = {}
    for name, a in acc.items():
        out[name] = {"mean": float(np.mean(a)), "sd": float(np.std(a, ddof=1)) if len(a) > 1 else 0.0,
                     "per_seed": a}
    return out


def same_work(X, y) -> dict:
    """Check that the three do the same maths: the largest weight difference after one
    epoch (40 steps; over 30 epochs float32 rounding differences grow, because Adam turns
    tiny gradients into full-size steps)."""
    _, model = run_helpers(X, y, 0, epochs=1)
    _, bare = run_bare(X, y, 0, epochs=1)
    mine = [model.params[k] for k in ("0.W", "0.b", "2.W", "2.b")]
    out = {"helpers vs bare numpy": float(max(np.abs(a - b).max() for a, b in zip(mine, bare)))}
    if torch is not None:
        _, tm = run_torch(X, y, 0, epochs=1)
        theirs = [tm[0].weight.detach().numpy().T, tm[0].bias.detach().numpy(),
                  tm[2].weight.detach().numpy().T, tm[2].bias.detach().numpy()]
        out["helpers vs PyTorch"] = float(max(np.abs(a - b).max() for a, b in zip(mine, theirs)))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    X, y, Xte, yte = digits()
    load_before = _common.load()
    print(f"trainer: {len(X)} training digits, {len(Xte)} test digits, {EPOCHS} epochs of "
          f"batch {BATCH}; load {load_before}", flush=True)
    result = {"load_before": load_before, "setup": {
        "network": "64-64-10 ReLU, softmax cross-entropy, Adam lr=1e-3", "batch": BATCH,
        "epochs": EPOCHS, "dtype": "float32", "threads": 1, "train_examples": len(X),
        "test_examples": len(Xte)}}
    if torch is None:
        result["note"] = "PyTorch is not installed: its column is skipped (pip install torch==2.13.0)."
        print(result["note"])
    result["same_work"] = same_work(X, y)
    result["speed"] = speed(X, y, args.rounds)
    result["accuracy"] = accuracy(X, y, Xte, yte, args.seeds)
    path = _common.save("trainer", result)
    for name, s in result["speed"]["seconds"].items():
        print(f"  {name:12s} {s:.3f} s (median of {args.rounds})")
    for name, r in result["speed"]["ratios"].items():
        print(f"  {name}: {r:.2f}×")
    for name, a in result["accuracy"].items():
        print(f"  test accuracy {name}: {a['mean']:.4f} ± {a['sd']:.4f}")
    print(f"  {result['same_work']}")
    print(f"wrote {path.relative_to(_common.ROOT)}")


if __name__ == "__main__":
    main()
