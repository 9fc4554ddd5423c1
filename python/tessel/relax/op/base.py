"""Cross-level calls: Relax calling tensor programs and runtime functions."""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from ..._core import relax as _relax
from ...ir import GlobalVar
from ...runtime import tensor as _tensor


def call_tir(gvar: GlobalVar, args: Any, out_sinfo: Any, tir_vars: Any = None) -> Any:
    """``R.call_tir(gvar, args, out_sinfo)``: call a PrimFunc in destination-passing style.

    Parameters
    ----------
    gvar
        The PrimFunc's GlobalVar in the module.
    args
        The input tensors (an Expr or a list of them).
    out_sinfo
        The outputs: a TensorStructInfo, or a list of them.
    tir_vars
        Symbolic values passed after the outputs (a ShapeExpr or list of PrimExprs), or None.
    """
    out_sinfo = _out_sinfo(out_sinfo)
    if tir_vars is not None and not isinstance(tir_vars, _relax.ShapeExpr):
        tir_vars = _relax.ShapeExpr(list(tir_vars))
    return _relax.call_tir(gvar, _as_list(args), out_sinfo, tir_vars)


def call_dps_packed(func: str, args: Any, out_sinfo: Any) -> Any:
    """``R.call_dps_packed(func, args, out_sinfo)``: call a registered runtime function
    ``func(*args, *outputs)`` that writes the outputs the caller allocates."""
    return _relax.call_dps_packed(_name(func), _as_list(args), _out_sinfo(out_sinfo))


def call_pure_packed(func: str, *args: Any, sinfo_args: Any) -> Any:
    """``R.call_pure_packed(func, *args, sinfo_args=...)``: call a registered runtime
    function that returns its result (of struct info ``sinfo_args``) without side effects."""
    if isinstance(sinfo_args, (list, tuple)):
        if len(sinfo_args) != 1:
            raise ValueError("call_pure_packed: give exactly one struct info as sinfo_args")
        sinfo_args = sinfo_args[0]
    return _relax.call_pure_packed(_name(func), list(args), sinfo_args)


def const(value: Any, dtype: Optional[str] = None) -> Any:
    """A :class:`~tessel.relax.Constant` from a number, a nested list or a numpy array.

    Python floats become float32 and ints int64 unless ``dtype`` says otherwise.
    """
    if dtype is None and not isinstance(value, np.ndarray):
        array = np.asarray(value)
        dtype = {"f": "float32", "i": "int64", "b": "bool"}.get(array.dtype.kind, str(array.dtype))
    # np.array (not ascontiguousarray) keeps a scalar 0-d; the copy is owned by the constant.
    array = np.array(value, dtype=dtype, order="C", copy=True)
    return _relax.Constant(_tensor(array))


def _as_list(args: Any) -> list:
    if isinstance(args, _relax.Tuple):
        return list(args.fields)
    if isinstance(args, (list, tuple)):
        return list(args)
    return [args]


def _out_sinfo(out_sinfo: Any) -> Any:
    if isinstance(out_sinfo, (list, tuple)):
        return out_sinfo[0] if len(out_sinfo) == 1 else _relax.TupleStructInfo(list(out_sinfo))
    return out_sinfo


def _name(func: Any) -> str:
    return func.global_symbol if isinstance(func, _relax.ExternFunc) else str(func)


__all__ = ["call_tir", "call_dps_packed", "call_pure_packed", "const"]
