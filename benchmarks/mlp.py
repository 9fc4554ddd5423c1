"""A 3-layer MLP (784-2048-2048-10, float32): tessel's "default" pipeline vs PyTorch eager.

    PYTHONPATH=python .venv/bin/python benchmarks/mlp.py [--threads N] [--repeat R]

The same model is built with tessel.nn (weights loaded from the torch model) and compiled
once per batch size (1 and 64, static shapes), in two forms:

* ``inputs``: as exported, ``main(x, *weights)``; every call also transposes the weights
  (``nn.Linear`` is ``x @ permute_dims(weight)``, and nothing fuses the transpose yet);
* ``bound``: the weights bound into ``main`` as constants (``relax.transform.BindParams``)
  before the pipeline, whose constant folding then transposes them once, at compile time.

Everything runs in this process on the same number of threads and is timed the same way:
calls from Python on inputs converted beforehand, after warm-up, ``repeat`` measurements of
enough calls to last ~0.1 s each. The table shows the median and the best measurement, and
torch's median divided by tessel's (above 1: tessel is faster).
"""

import argparse
import os
import time

import numpy as np

SIZES = (784, 2048, 2048, 10)
BATCHES = (1, 64)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                        help="threads for both tessel and torch (default: every core available)")
    parser.add_argument("--repeat", type=int, default=7, help="measurements per configuration")
    return parser.parse_args()


def measure(fn, repeat, min_seconds=0.1):
    """(median, best) seconds per call of fn over ``repeat`` measurements."""
    for _ in range(3):
        fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    number = max(1, int(min_seconds / once))
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return float(np.median(samples)), min(samples)


def layers(linear, relu):
    """Linear, ReLU, Linear, ReLU, Linear over SIZES, made with the given classes."""
    out = []
    for i, (n_in, n_out) in enumerate(zip(SIZES, SIZES[1:])):
        out += [relu()] if i else []
        out.append(linear(n_in, n_out))
    return out


def main():
    args = parse_args()
    # Before the imports: tessel's thread pool reads this when it starts.
    os.environ["TESSEL_NUM_THREADS"] = str(args.threads)
    import torch

    import tessel
    from tessel import nn, relax

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    reference = torch.nn.Sequential(*layers(torch.nn.Linear, torch.nn.ReLU)).eval()
    model = nn.Sequential(*layers(nn.Linear, nn.ReLU))
    model.load_state_dict(reference.state_dict())

    print(f"MLP {'-'.join(map(str, SIZES))}, float32, {args.threads} threads, "
          f"torch {torch.__version__}, median (best) of {args.repeat}")
    print(f"{'batch':>5} {'weights':>7} {'compile (s)':>12} {'tessel (ms)':>20} "
          f"{'torch eager (ms)':>20} {'torch/tessel':>13}")
    for batch in BATCHES:
        x = torch.randn(batch, SIZES[0])
        with torch.inference_mode():
            expected = reference(x).numpy()
            theirs = measure(lambda: reference(x), args.repeat)
        for form in ("inputs", "bound"):
            start = time.perf_counter()
            mod, params = model.export({"forward": {"x": nn.spec.Tensor((batch, SIZES[0]), "float32")}})
            weights = [p.data for _, p in params]
            if form == "bound":
                names = [var.name_hint for var in mod["main"].params[1:]]
                mod = relax.transform.BindParams("main", dict(zip(names, weights)))(mod)
                weights = []
            exe = relax.build(mod, target="llvm", pipeline="default")
            compile_seconds = time.perf_counter() - start

            main_fn = relax.VirtualMachine(exe, tessel.cpu())["main"]
            inputs = [tessel.runtime.tensor(a) for a in [x.numpy()] + weights]
            np.testing.assert_allclose(main_fn(*inputs).numpy(), expected, rtol=1e-3, atol=1e-3)
            ours = measure(lambda: main_fn(*inputs), args.repeat)
            cells = [f"{t[0] * 1e3:.4f} ({t[1] * 1e3:.4f})" for t in (ours, theirs)]
            print(f"{batch:>5} {form:>7} {compile_seconds:>12.2f} {cells[0]:>20} {cells[1]:>20} "
                  f"{theirs[0] / ours[0]:>12.2f}x")


if __name__ == "__main__":
    main()
