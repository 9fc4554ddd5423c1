"""Binary elementwise operators with numpy broadcasting.

The two arguments are tensors of the same dtype (there is no implicit promotion: use
:func:`tessel.relax.op.astype`); their shapes broadcast like numpy's, a 0-d tensor acting as
a scalar. Symbolic dimensions match when they are provably equal or one is 1; two sizes that
cannot be related (``n`` against ``m``) give a result of known rank but unknown shape, which
needs a ``match_cast`` before legalization. Each function returns a
:class:`tessel.relax.Call`, checked when a :class:`tessel.relax.BlockBuilder` normalizes it.

Example
-------
>>> from tessel import relax
>>> x = relax.Var("x", relax.TensorStructInfo([4, 1], "float32"))
>>> y = relax.Var("y", relax.TensorStructInfo([8], "float32"))
>>> relax.op.add(x, y).op.name
'relax.add'
"""

from ._make import make_call


def add(x1, x2):
    """``x1 + x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.add``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.add", [x1, x2])


def subtract(x1, x2):
    """``x1 - x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.subtract``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.subtract", [x1, x2])


def multiply(x1, x2):
    """``x1 * x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.multiply``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.multiply", [x1, x2])


def divide(x1, x2):
    """``x1 / x2``, true division of float tensors, element by element with broadcasting.

    Integer tensors are rejected: use :func:`floor_divide`, or convert them with
    :func:`tessel.relax.op.astype` first.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.divide``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is not float, the dtypes differ or the shapes do not broadcast
        (raised when the call is normalized).
    """
    return make_call("relax.divide", [x1, x2])


def floor_divide(x1, x2):
    """``x1 / x2`` rounded toward negative infinity, element by element with broadcasting.

    Like ``numpy.floor_divide``: an integer divided by 0 gives 0, and the most negative
    integer divided by -1 wraps around to itself.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.floor_divide``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.floor_divide", [x1, x2])


def floor_mod(x1, x2):
    """``x1 - floor_divide(x1, x2) * x2``, element by element with broadcasting.

    Like ``numpy.mod``: the result has the sign of ``x2``, and an integer modulo 0 gives 0.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.floor_mod``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.floor_mod", [x1, x2])


def power(x1, x2):
    """``x1`` to the power ``x2``, of float tensors, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.power``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is not float, the dtypes differ or the shapes do not broadcast
        (raised when the call is normalized).
    """
    return make_call("relax.power", [x1, x2])


def maximum(x1, x2):
    """The larger of ``x1`` and ``x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.maximum``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.maximum", [x1, x2])


def minimum(x1, x2):
    """The smaller of ``x1`` and ``x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.minimum``; its result has the broadcast shape and is of the two tensors' dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast (raised
        when the call is normalized).
    """
    return make_call("relax.minimum", [x1, x2])


def equal(x1, x2):
    """``x1 == x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.equal``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When the dtypes differ or the shapes do not broadcast (raised when the call is
        normalized).
    """
    return make_call("relax.equal", [x1, x2])


def not_equal(x1, x2):
    """``x1 != x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.not_equal``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When the dtypes differ or the shapes do not broadcast (raised when the call is
        normalized).
    """
    return make_call("relax.not_equal", [x1, x2])


def less(x1, x2):
    """``x1 < x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.less``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When the dtypes differ or the shapes do not broadcast (raised when the call is
        normalized).
    """
    return make_call("relax.less", [x1, x2])


def less_equal(x1, x2):
    """``x1 <= x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.less_equal``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When the dtypes differ or the shapes do not broadcast (raised when the call is
        normalized).
    """
    return make_call("relax.less_equal", [x1, x2])


def greater(x1, x2):
    """``x1 > x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.greater``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When the dtypes differ or the shapes do not broadcast (raised when the call is
        normalized).
    """
    return make_call("relax.greater", [x1, x2])


def greater_equal(x1, x2):
    """``x1 >= x2``, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Tensors of one dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.greater_equal``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When the dtypes differ or the shapes do not broadcast (raised when the call is
        normalized).
    """
    return make_call("relax.greater_equal", [x1, x2])


def logical_and(x1, x2):
    """``x1 and x2`` of bool tensors, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Bool tensors.

    Returns
    -------
    tessel.relax.Call
        ``relax.logical_and``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is not bool, the dtypes differ or the shapes do not broadcast
        (raised when the call is normalized).
    """
    return make_call("relax.logical_and", [x1, x2])


def logical_or(x1, x2):
    """``x1 or x2`` of bool tensors, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Bool tensors.

    Returns
    -------
    tessel.relax.Call
        ``relax.logical_or``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is not bool, the dtypes differ or the shapes do not broadcast
        (raised when the call is normalized).
    """
    return make_call("relax.logical_or", [x1, x2])


def logical_xor(x1, x2):
    """``x1 xor x2`` of bool tensors, element by element with broadcasting.

    Parameters
    ----------
    x1, x2 : tessel.relax.Expr
        Bool tensors.

    Returns
    -------
    tessel.relax.Call
        ``relax.logical_xor``; its result has the broadcast shape and is bool.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x1`` or ``x2`` is not bool, the dtypes differ or the shapes do not broadcast
        (raised when the call is normalized).
    """
    return make_call("relax.logical_xor", [x1, x2])


__all__ = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "floor_mod",
    "power",
    "maximum",
    "minimum",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "logical_and",
    "logical_or",
    "logical_xor",
]
