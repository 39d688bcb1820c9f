"""The small networks the course promises are quick: toy problems and the playground.

- A 2-16-16-1 network (ReLU, binary cross-entropy, Adam lr = 0.01, batch 32) on noisy moons
  (400 points, noise 0.2, 100 epochs) and on XOR (200 points, noise 0.2, 50 epochs), exactly
  as tests/test_train.py trains them: seconds per run (median) and the accuracy reached.
  Target: each under a second (the tests assert the accuracy: >= 97 % and 100 %).
- Lesson 08's playground training a 2-8-8-1 network on 200 points: frames per second, one
  frame being some training steps, the boundary, both loss curves and the PNG the browser
  shows. Target: at least 10 frames a second.
- The capstone as lesson 09 ships it (64 → 128 → 10, ReLU, Adam lr = 0.01, batch 32, 30
  epochs, float64, the notebook's 70/15/15 split with seed 0): test accuracy over 5 seeds
  (initial weights and shuffles) and the training time.

Usage: python benchmarks/small_nets.py [--rounds 5] [--frames 60]
"""

from __future__ import annotations

import _common  # noqa: I001  (sets one thread before numpy is imported)

_common.one_thread()

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, str(_common.ROOT))
from helpers import data, layers, losses, optim, train  # noqa: E402
from helpers.lessons import l08_training_loop  # noqa: E402


def toy(name: str) -> tuple[float, float]:
    """Train the test suite's 2-16-16-1 network once; return (seconds, training accuracy)."""
    if name == "moons":
        X, y = data.make_moons(400, noise=0.2, seed=0)
        epochs = 100
    else:
        X, y = data.make_xor(200, noise=0.2, seed=0)
        epochs = 50
    start = time.perf_counter()
    model = layers.mlp([2, 16, 16, 1], seed=0)
    train.fit(model, losses.BinaryCrossEntropy(), optim.Adam(model, lr=0.01), X, y,
              epochs=epochs, batch_size=32, seed=0)
    return time.perf_counter() - start, train.accuracy(model, X, y)


def playground(frames: int) -> dict:
    """Frame times of lesson 08's playground (moons, 2-8-8-1, its default settings)."""
    pg = l08_training_loop.Playground(dataset="moons", depth=2, width=8)
    pg.png()  # the first picture, as the notebook shows it
    times, steps = [], pg.steps_per_frame()
    for _ in range(frames):
        start = time.perf_counter()
        pg.frame()
        pg.png()
        times.append(time.perf_counter() - start)
    return {"network": "2-8-8-1", "points": pg.N_POINTS, "frames": frames,
            "steps_per_frame": steps, "median_ms": 1000 * _common.median(times),
            "p95_ms": 1000 * _common.percentile(times, 95),
            "fps": 1 / _common.median(times), "epochs_reached": float(pg.state.get("epoch", 0))}


def capstone(seeds: int) -> dict:
    """Lesson 09's network, trained as the notebook trains it, once per seed."""
    X, y = data.load_digits()
    (Xtr, ytr), (Xva, yva), (Xte, yte) = data.stratified_split(X / 16, y, seed=0)
    accs, secs = [], []
    for seed in range(seeds):
        start = time.perf_counter()
        model = layers.mlp([64, 128, 10], seed=seed)
        train.fit(model, losses.SoftmaxCrossEntropy(), optim.Adam(model, lr=0.01), Xtr, ytr,
                  epochs=30, batch_size=32, val=(Xva, yva), seed=seed)
        secs.append(time.perf_counter() - start)
        accs.append(train.accuracy(model, Xte, yte))
    return {"network": "64-128-10", "seeds": seeds, "accuracy": accs,
            "mean": sum(accs) / seeds,
            "sd": (sum((a - sum(accs) / seeds) ** 2 for a in accs) / max(seeds - 1, 1)) ** 0.5,
            "seconds": _common.median(secs), "test_examples": len(yte)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args(argv)
    before = _common.load()
    result = {"load_before": before, "toy": {}}
    for name in ("moons", "xor"):
        runs = [toy(name) for _ in range(args.rounds)]
        result["toy"][name] = {"seconds": _common.median(r[0] for r in runs),
                               "accuracy": runs[0][1], "rounds": args.rounds}
        print(f"  2-16-16-1 on {name}: {result['toy'][name]['seconds']:.3f} s, "
              f"training accuracy {runs[0][1]:.4f}")
    result["playground"] = playground(args.frames)
    p = result["playground"]
    print(f"  playground 2-8-8-1, 200 points: {p['median_ms']:.0f} ms a frame "
          f"(p95 {p['p95_ms']:.0f} ms), {p['fps']:.0f} frames/s")
    c = result["capstone"] = capstone(args.seeds)
    print(f"  capstone as shipped ({c['network']}): test accuracy {100 * c['mean']:.2f} ± "
          f"{100 * c['sd']:.2f} % over {c['seeds']} seeds, {c['seconds']:.2f} s to train")
    print(f"wrote {_common.save('small_nets', result).relative_to(_common.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
