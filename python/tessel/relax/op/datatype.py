"""``astype``: convert the elements of a tensor to another dtype.

Example
-------
>>> from tessel import relax
>>> x = relax.Var("x", relax.TensorStructInfo([4], "float32"))
>>> relax.op.astype(x, "int32").attrs["dtype"]
'int32'
"""

from ._make import make_call


def astype(x, dtype):
    """``x`` converted element by element to ``dtype``, like ``numpy.ndarray.astype``.

    Floats convert to integers by truncation toward zero; any value converts to bool as
    ``x != 0``. A float that the integer dtype cannot hold (or NaN) gives an unspecified
    value.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor.
    dtype : str
        The new element type, e.g. ``"float16"``, ``"int64"`` or ``"bool"``.

    Returns
    -------
    tessel.relax.Call
        ``relax.astype`` with the attribute ``dtype``; its result has ``x``'s shape.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``dtype`` is not a scalar numeric or bool type (raised when the call is
        normalized).
    """
    return make_call("relax.astype", [x], {"dtype": str(dtype)})


__all__ = ["astype"]
