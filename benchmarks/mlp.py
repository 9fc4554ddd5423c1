"""A 3-layer MLP (784-2048-2048-10, float32): tessel's "default" pipeline vs PyTorch eager.

    PYTHONPATH=python .venv/bin/python benchmarks/mlp.py [--threads N] [--repeat R]

The same model is built with tessel.nn (weights loaded from the torch model) and compiled
once per batch size (1 and 64, static shapes). Both run in this process on the same number
of threads and are timed the same way: calls from Python on inputs converted beforehand,
after warm-up, ``repeat`` measurements of enough calls to last ~0.1 s each; the table shows
the median and the best measurement, and the ratio of the medians.
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
    print(f"{'batch':>5} {'compile (s)':>12} {'tessel (ms)':>20} {'torch eager (ms)':>20} {'torch/tessel':>13}")
    for batch in BATCHES:
        start = time.perf_counter()
        mod, params = model.export({"forward": {"x": nn.spec.Tensor((batch, SIZES[0]), "float32")}})
        exe = relax.build(mod, target="llvm", pipeline="default")
        compile_seconds = time.perf_counter() - start
        vm = relax.VirtualMachine(exe, tessel.cpu())

        x = torch.randn(batch, SIZES[0])
        inputs = [tessel.runtime.tensor(x.numpy())] + [tessel.runtime.tensor(p.data) for _, p in params]
        main_fn = vm["main"]
        with torch.inference_mode():
            expected = reference(x).numpy()
            np.testing.assert_allclose(main_fn(*inputs).numpy(), expected, rtol=1e-3, atol=1e-3)
            ours = measure(lambda: main_fn(*inputs), args.repeat)
            theirs = measure(lambda: reference(x), args.repeat)
        cells = [f"{t[0] * 1e3:.4f} ({t[1] * 1e3:.4f})" for t in (ours, theirs)]
        print(f"{batch:>5} {compile_seconds:>12.2f} {cells[0]:>20} {cells[1]:>20} {theirs[0] / ours[0]:>12.2f}x")


if __name__ == "__main__":
    main()
