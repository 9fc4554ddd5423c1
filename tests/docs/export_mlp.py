"""The Python step of the C++ tutorial get_started/deploy_mlp.cc (a CTest fixture).

Usage: python export_mlp.py <dir>. Builds the quick start's MLP (784-256-10, batch 1) with
random weights and writes what deploy_mlp reads: ``mlp.so``, ``arg<i>.npy`` (the input,
then the parameters, in the order ``main`` takes them) and ``expected.npy`` (numpy's result).
"""

import sys
from pathlib import Path

import numpy as np

from tessel import nn, relax


def main(out_dir: Path) -> None:
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    rng = np.random.default_rng(0)
    for _, param in model.named_parameters():
        param.data = (rng.standard_normal(param.shape) * 0.05).astype(param.dtype)
    mod, params = model.export({"forward": {"x": nn.spec.Tensor((1, 784), "float32")}})
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("arg*.npy"):  # deploy_mlp reads every arg<i>.npy it finds
        stale.unlink()
    relax.build(mod, target="llvm").export_library(str(out_dir / "mlp.so"))

    x = rng.standard_normal((1, 784)).astype("float32")
    args = [x] + [param.data for _, param in params]
    for i, arg in enumerate(args):
        np.save(out_dir / f"arg{i}.npy", arg)
    w = model.state_dict()
    expected = np.maximum(x @ w["0.weight"].T + w["0.bias"], 0) @ w["2.weight"].T + w["2.bias"]
    np.save(out_dir / "expected.npy", expected.astype("float32"))
    print(f"wrote {out_dir / 'mlp.so'}, {len(args)} arguments and expected.npy")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
