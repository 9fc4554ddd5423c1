"""``where``: choose between two tensors by a condition, with numpy broadcasting.

Example
-------
>>> from tessel import relax
>>> c = relax.Var("c", relax.TensorStructInfo([4, 8], "bool"))
>>> x = relax.Var("x", relax.TensorStructInfo([4, 8], "float32"))
>>> relax.op.where(c, x, x).op.name
'relax.where'
"""

from ._make import make_call


def where(condition, x1, x2):
    """``x1`` where ``condition`` holds, else ``x2``, like ``numpy.where``.

    Parameters
    ----------
    condition : tessel.relax.Expr
        A bool tensor.
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.where``; its result has the broadcast shape of the three arguments and the
        dtype of ``x1`` and ``x2``.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``condition`` is not bool, ``x1`` and ``x2`` differ in dtype, or the shapes do
        not broadcast (raised when the call is normalized).
    """
    return make_call("relax.where", [condition, x1, x2])


__all__ = ["where"]
