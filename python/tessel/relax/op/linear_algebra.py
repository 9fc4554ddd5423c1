"""Linear algebra operators: :func:`matmul` with numpy's semantics and :func:`linear`.

Each function returns an un-normalized :class:`tessel.relax.Call`; emitting it with a
:class:`tessel.relax.BlockBuilder` infers its struct info (symbolic shapes included) and
raises :class:`tessel.error.TypeInferenceError` for bad arguments.

Example
-------
>>> from tessel import relax, tir
>>> n = tir.Var("n", "int64")
>>> x = relax.Var("x", relax.TensorStructInfo([n, 784], "float32"))
>>> w = relax.Var("w", relax.TensorStructInfo([784, 128], "float32"))
>>> relax.op.matmul(x, w).op.name
'relax.matmul'
"""

from typing import Optional

from ..expr import Expr
from ._make import make_call

__all__ = ["matmul", "linear"]


def matmul(x1: Expr, x2: Expr, out_dtype: Optional[str] = None) -> Expr:
    """The matrix product ``x1 @ x2`` with numpy's rules.

    A 1-D ``x1`` is a row vector and a 1-D ``x2`` a column vector (the added dimension is
    removed from the result); the dimensions before the last two are batch dimensions and
    broadcast like numpy's, symbolic ones included. ``x1``'s last dimension must equal
    ``x2``'s second to last (its only one when it is 1-D).

    Parameters
    ----------
    x1, x2 : Expr
        Tensors of at least one dimension, of one dtype unless ``out_dtype`` is given.
    out_dtype : str, optional
        The dtype of the result, in which the products are computed and summed; by default
        the operands' dtype.

    Returns
    -------
    Expr
        The call ``relax.matmul(x1, x2)``: for ``(b, m, k) @ (k, n)``, a ``(b, m, n)`` tensor.

    Raises
    ------
    tessel.error.TypeInferenceError
        When an operand is 0-d, the dtypes differ without ``out_dtype``, the contracted
        dimensions or the batch dimensions provably disagree (raised when the call is
        normalized).
    """
    attrs = {} if out_dtype is None else {"out_dtype": str(out_dtype)}
    return make_call("relax.matmul", [x1, x2], attrs)


def linear(x: Expr, weight: Expr, bias: Optional[Expr] = None,
           out_dtype: Optional[str] = None) -> Expr:
    """A fully connected layer: ``x @ weight.T + bias``, as PyTorch's ``F.linear``.

    Parameters
    ----------
    x : Expr
        The input, ``(..., in_features)``.
    weight : Expr
        The weight, ``(out_features, in_features)``.
    bias : Expr, optional
        The bias, ``(out_features,)``, broadcast over the rows.
    out_dtype : str, optional
        The dtype of the matrix product (see :func:`matmul`).

    Returns
    -------
    Expr
        ``add(matmul(x, permute_dims(weight)), bias)``, or the matmul alone without bias;
        emit it with a :class:`tessel.relax.BlockBuilder`, which binds each part.
    """
    # Imported here so that this module does not depend on the import order of relax.op.
    from .binary import add  # pylint: disable=import-outside-toplevel
    from .manipulate import permute_dims  # pylint: disable=import-outside-toplevel
    out = matmul(x, permute_dims(weight), out_dtype)
    return out if bias is None else add(out, bias)
