"""Run one Relax operator end to end for the manipulation, index and creation op tests.

The call is emitted in a function with a BlockBuilder, legalized with its FLegalize
(``relax.op.legalize_call``) into a ``call_tir``, and the PrimFunc it calls is compiled
with ``tessel.compile`` and run on numpy arrays. Symbolic dimensions get their values from
the input arrays (or from ``sizes``), which also fixes the outputs' shapes.
"""

import numpy as np

import tessel
from tessel import relax, tir
from tessel._core import relax as _relax
from tessel.tir.arith import Analyzer


def infer(call):
    """The struct info the BlockBuilder infers for a call."""
    return relax.BlockBuilder().normalize(call).struct_info_


def dims(sinfo):
    """The dimensions of a tensor struct info as ints where constant, else the PrimExprs."""
    return tuple(int(d) if isinstance(d, tir.IntImm) else d for d in sinfo.shape.values)


def _bind(params, arrays, sizes):
    """An analyzer with every symbolic dimension of params bound to its size in arrays."""
    analyzer = Analyzer()
    for var, value in (sizes or {}).items():
        analyzer.bind(var, value)

    def bind(sinfo, array):
        if isinstance(sinfo, relax.TupleStructInfo):
            for field, item in zip(sinfo.fields, array):
                bind(field, item)
        elif isinstance(sinfo, relax.TensorStructInfo):
            for dim, size in zip(sinfo.shape.values, np.shape(array)):
                if isinstance(dim, tir.Var):
                    analyzer.bind(dim, size)

    for param, array in zip(params, arrays):
        bind(param.struct_info_, array)
    return analyzer


def _concrete(analyzer, expr):
    value = analyzer.simplify(expr)
    assert isinstance(value, tir.IntImm), f"{expr} is not known from the inputs"
    return int(value)


def run(build, params, arrays, sizes=None):
    """Legalize ``build(*params)``, compile its kernel and run it on ``arrays``.

    Parameters
    ----------
    build : callable
        Makes the operator call from the parameters.
    params : list of relax.Var
        The function's parameters.
    arrays : list of numpy.ndarray
        Their values.
    sizes : dict, optional
        Values of symbolic variables that no input shape gives (``relax.op.zeros((n,))``).

    Returns
    -------
    numpy.ndarray or list of numpy.ndarray
        The result (a list for a tuple result).
    """
    bb = relax.BlockBuilder()
    with bb.function("main", params):
        with bb.dataflow():
            call = bb.normalize(build(*params))
            lowered = relax.op.legalize_call(bb, call)
            out = bb.emit_output(lowered)
        bb.emit_func_output(out)
    assert lowered.op.name == "relax.call_tir", f"{call.op.name} was not legalized"
    kernel = bb.get()[_relax.get_callee(lowered)]

    def value(expr):  # the numpy value of a kernel argument
        for param, array in zip(params, arrays):
            if expr.same_as(param):
                return array
        if isinstance(expr, relax.Constant):
            return expr.data.numpy()
        if isinstance(expr, relax.TupleGetItem):
            return value(expr.tuple)[expr.index]
        return value(bb.lookup_binding(expr))

    analyzer = _bind(params, arrays, sizes)
    sinfo = out.struct_info_
    fields = list(sinfo.fields) if isinstance(sinfo, relax.TupleStructInfo) else [sinfo]
    outs = [np.empty([_concrete(analyzer, d) for d in f.shape.values], dtype=f.dtype) for f in fields]
    inputs = [value(arg) for arg in _relax.get_call_args(lowered)]
    scalars = []
    if len(lowered.args) > 1:  # tir_vars: symbolic values only the outputs' shapes use
        scalars = [_concrete(analyzer, v) for v in lowered.args[1].values]
    symbol = str(kernel.attrs["global_symbol"])
    tessel.compile(tessel.ir.IRModule({symbol: kernel}))[symbol](*inputs, *outs, *scalars)
    return outs if isinstance(sinfo, relax.TupleStructInfo) else outs[0]


def var(name, shape, dtype="float32"):
    """A relax Var of a tensor type (dimensions ints or tir Vars)."""
    return relax.Var(name, relax.TensorStructInfo(list(shape), dtype))


def pattern(op_name):
    """The fusion pattern kind (an int) of a registered operator."""
    return _relax.op_pattern(tessel.ir.Op.get(op_name))
