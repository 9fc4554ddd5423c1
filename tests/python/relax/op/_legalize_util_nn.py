"""Numerics helper of test_op_linear_algebra.py, test_op_statistical.py and test_op_nn.py:
infer one operator call, legalize it to its TensorIR kernel, compile the kernel and run it.

Legalization calls the operator's FLegalize through ``relax.op.legalize_call``.
"""

import numpy as np

import tessel
from tessel import relax, tir
from tessel.tir import arith
from tessel._core.relax import get_callee

RNG = np.random.default_rng(0)


def var(name, shape, dtype="float32"):
    """A relax variable of a tensor of the given shape (ints or tir.Vars) and dtype."""
    return relax.Var(name, relax.TensorStructInfo(list(shape), dtype))


def random(shape, dtype="float32"):
    """Standard normal floats, or integers in [-50, 50)."""
    if np.dtype(dtype).kind in "iu":
        return RNG.integers(-50, 50, shape).astype(dtype)
    return RNG.standard_normal(shape).astype(dtype)


def infer(call):
    """The struct info the BlockBuilder infers for call."""
    return relax.BlockBuilder().normalize(call).struct_info_


def shape_of(sinfo):
    """The dimensions of a TensorStructInfo, ints where constant, else the expressions."""
    return [int(d) if isinstance(d, tessel.tir.IntImm) else d for d in sinfo.shape.values]


def evaluate(dim, bindings):
    """The value of a symbolic dimension with its variables bound ({tir.Var: int})."""
    analyzer = arith.Analyzer()
    for variable, value in bindings.items():
        analyzer.bind(variable, tir.IntImm("int64", value))
    return int(analyzer.simplify(dim))


def legalize(call):
    """(builder, replacement) of call after its FLegalize, the kernels in builder.get()."""
    bb = relax.BlockBuilder()
    return bb, relax.op.legalize_call(bb, bb.normalize(call))


def run(call, *arrays, expected):
    """Legalize call (its arguments are relax Vars bound, in order, to arrays), compile
    its kernel, run it and return the result, of expected's shape and dtype."""
    sinfo = infer(call)
    assert sinfo.dtype == str(expected.dtype)
    assert sinfo.ndim == expected.ndim
    bb, out = legalize(call)
    assert out.op.name == "relax.call_tir"
    func = bb.get()[get_callee(out)]
    kernel = tessel.compile(func)[str(func.attrs["global_symbol"])]
    result = np.full(expected.shape, 7, expected.dtype)
    kernel(*arrays, result)
    return result
