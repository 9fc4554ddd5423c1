"""Unary elementwise operators: math on one tensor, element by element.

Each returns a :class:`tessel.relax.Call` (not yet normalized); emitting it through a
:class:`tessel.relax.BlockBuilder` infers its struct info, and ``LegalizeOps`` turns it into a
``call_tir`` of a TensorIR function. Float-only operators (``exp``, ``log``, ...) reject
integer tensors with a :class:`tessel.error.TypeInferenceError`.

Example
-------
>>> from tessel import relax
>>> x = relax.Var("x", relax.TensorStructInfo([4, 8], "float32"))
>>> relax.op.exp(x).op.name
'relax.exp'
"""

from ._make import make_call


def abs(x):  # noqa: A001 (numpy's name)
    """The absolute value of each element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.abs``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.abs", [x])


def negative(x):
    """``-x``, element by element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.negative``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.negative", [x])


def square(x):
    """``x * x``, element by element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.square``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.square", [x])


def sign(x):
    """-1, 0 or 1 by the sign of each element (NaN stays NaN).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.sign``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.sign", [x])


def exp(x):
    """``e`` to the power of each element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.exp``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.exp", [x])


def log(x):
    """The natural logarithm of each element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.log``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.log", [x])


def sqrt(x):
    """The square root of each element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.sqrt``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.sqrt", [x])


def rsqrt(x):
    """``1 / sqrt(x)``, element by element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.rsqrt``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.rsqrt", [x])


def sin(x):
    """The sine of each element (radians).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.sin``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.sin", [x])


def cos(x):
    """The cosine of each element (radians).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.cos``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.cos", [x])


def tanh(x):
    """The hyperbolic tangent of each element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.tanh``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.tanh", [x])


def sigmoid(x):
    """``1 / (1 + exp(-x))``, element by element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.sigmoid``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.sigmoid", [x])


def erf(x):
    """The Gauss error function of each element.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of a float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.erf``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not a float tensor (raised when the call is normalized).
    """
    return make_call("relax.erf", [x])


def floor(x):
    """Each element rounded toward negative infinity (integers are unchanged).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.floor``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.floor", [x])


def ceil(x):
    """Each element rounded toward positive infinity (integers are unchanged).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.ceil``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.ceil", [x])


def round(x):  # noqa: A001 (numpy's name)
    """Each element rounded to the nearest integer, halves to even (integers are unchanged).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.round``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool (raised when the call is normalized).
    """
    return make_call("relax.round", [x])


def logical_not(x):
    """``not x`` of a bool tensor.

    Parameters
    ----------
    x : tessel.relax.Expr
        A bool tensor.

    Returns
    -------
    tessel.relax.Call
        ``relax.logical_not``; its result is a bool tensor of ``x``'s shape.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is not bool (raised when the call is normalized).
    """
    return make_call("relax.logical_not", [x])


def isnan(x):
    """Whether each element is NaN (false for integers).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of any dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.isnan``; its result is a bool tensor of ``x``'s shape.
    """
    return make_call("relax.isnan", [x])


def isinf(x):
    """Whether each element is infinite (false for integers).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of any dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.isinf``; its result is a bool tensor of ``x``'s shape.
    """
    return make_call("relax.isinf", [x])


def isfinite(x):
    """Whether each element is neither infinite nor NaN (true for integers).

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of any dtype.

    Returns
    -------
    tessel.relax.Call
        ``relax.isfinite``; its result is a bool tensor of ``x``'s shape.
    """
    return make_call("relax.isfinite", [x])


def clip(x, min, max):  # noqa: A002 (numpy's names)
    """Each element of ``x`` limited to ``[min, max]``.

    Parameters
    ----------
    x : tessel.relax.Expr
        A tensor of an integer or float dtype.
    min, max : float
        The bounds (attributes of the call); ``float("inf")`` and ``-float("inf")`` leave a
        side open. For an integer tensor they must be integral.

    Returns
    -------
    tessel.relax.Call
        ``relax.clip``; its result is of ``x``'s shape and dtype.

    Raises
    ------
    tessel.error.TypeInferenceError
        When ``x`` is bool, a bound is NaN or not integral for an integer tensor, or
        ``min > max`` (raised when the call is normalized).
    """
    return make_call("relax.clip", [x], {"min": float(min), "max": float(max)})


__all__ = [
    "abs",
    "negative",
    "square",
    "sign",
    "exp",
    "log",
    "sqrt",
    "rsqrt",
    "sin",
    "cos",
    "tanh",
    "sigmoid",
    "erf",
    "floor",
    "ceil",
    "round",
    "logical_not",
    "isnan",
    "isinf",
    "isfinite",
    "clip",
]
