"""Helpers of the elementwise operator tests: infer a call's struct info, legalize one
operator call into a TensorIR kernel, compile it and run it on numpy arrays."""

import numpy as np
import pytest

import tessel
from tessel import relax
from tessel.error import TypeInferenceError
from tessel.relax.op._make import legalize_call


def infer(call):
    """The struct info the BlockBuilder infers for ``call``."""
    return relax.BlockBuilder().normalize(call).struct_info_


def raises(pattern):
    """``pytest.raises`` of a TypeInferenceError whose message matches ``pattern``."""
    return pytest.raises(TypeInferenceError, match=pattern)


def legalize(make_call, *sinfos):
    """Legalize the call ``make_call(*params)`` on parameters of struct info ``sinfos``.

    Returns ``(mod, call, legalized)``: the module holding the kernel, the normalized
    operator call and what its FLegalize returned (a ``call_tir``, or the call unchanged).
    """
    bb = relax.BlockBuilder()
    params = [relax.Var(f"x{i}", sinfo) for i, sinfo in enumerate(sinfos)]
    with bb.function("main", params):
        call = bb.normalize(make_call(*params))
        legalized = legalize_call(bb, call)
        bb.emit_func_output(bb.emit(legalized))
    return bb.get(), call, legalized


class Kernel:
    """The compiled kernel of one legalized operator call; call it with numpy arrays."""

    def __init__(self, make_call, *sinfos):
        mod, call, legalized = legalize(make_call, *sinfos)
        assert legalized.op.name == "relax.call_tir", legalized
        self.prim_func = mod[legalized.attrs["callee"]]
        self.out_dtype = call.struct_info_.dtype
        symbol = str(self.prim_func.attrs["global_symbol"])
        self.run = tessel.compile(self.prim_func)[symbol]

    def __call__(self, *arrays):
        arrays = [np.asarray(a) for a in arrays]  # numpy scalars become 0-d arrays
        shape = np.broadcast_shapes(*[a.shape for a in arrays])
        out = np.zeros(shape, self.out_dtype)
        self.run(*arrays, out)
        return out


def sinfo_of(array):
    """The static TensorStructInfo of a numpy array."""
    return relax.TensorStructInfo(list(array.shape), str(array.dtype))


def run_op(make_call, *arrays):
    """``make_call`` applied to ``arrays`` through legalization and compilation."""
    arrays = [np.asarray(a) for a in arrays]
    return Kernel(make_call, *[sinfo_of(a) for a in arrays])(*arrays)
