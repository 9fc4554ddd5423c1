"""From a tensor-expression graph to a TensorIR :class:`tessel.tir.PrimFunc`."""

from typing import Sequence, Union

from .. import tir
from .._core import te as _te
from .tensor import Tensor


def create_prim_func(args: Sequence[Union[Tensor, "tir.Var"]]) -> "tir.PrimFunc":
    """The PrimFunc computing the given tensors from the given inputs.

    Parameters
    ----------
    args : sequence of Tensor or tir.Var
        The parameters in order. A tensor (input or computed) becomes a buffer parameter
        named like it; a :class:`tessel.tir.Var` (a symbolic size, a scalar) becomes a
        scalar parameter. Every placeholder the computation reads must be listed.

    Returns
    -------
    tessel.tir.PrimFunc
        One loop nest and block per compute, in dependency order, each block named after
        its compute with ``T.axis.spatial``/``T.axis.reduce`` iteration variables, its
        reads and writes, and for a reduction a ``T.init()``. A compute of several
        outputs (a tuple reducer such as argmax) is one block writing buffers
        ``<name>_v0``, ``<name>_v1``, ... Computes (or outputs) not listed in
        ``args`` become ``T.alloc_buffer`` s of a ``T.block("root")`` around the whole
        body. The attributes are ``{"global_symbol": "main", "tir.noalias": True}``.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When an argument is not a Tensor or Var, appears twice, or a placeholder read by
        the computation is missing.
    """
    return _te.create_prim_func(list(args))
