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

from ._elementwise import unary
from ._make import make_call

abs = unary(__name__, "abs", "The absolute value of each element.")  # noqa: A001 (numpy's name)
negative = unary(__name__, "negative", "``-x``, element by element.")
square = unary(__name__, "square", "``x * x``, element by element.")
sign = unary(__name__, "sign", "-1, 0 or 1 by the sign of each element (NaN stays NaN).")
exp = unary(__name__, "exp", "``e`` to the power of each element.", "float")
log = unary(__name__, "log", "The natural logarithm of each element.", "float")
sqrt = unary(__name__, "sqrt", "The square root of each element.", "float")
rsqrt = unary(__name__, "rsqrt", "``1 / sqrt(x)``, element by element.", "float")
sin = unary(__name__, "sin", "The sine of each element (radians).", "float")
cos = unary(__name__, "cos", "The cosine of each element (radians).", "float")
tanh = unary(__name__, "tanh", "The hyperbolic tangent of each element.", "float")
sigmoid = unary(__name__, "sigmoid", "``1 / (1 + exp(-x))``, element by element.", "float")
erf = unary(__name__, "erf", "The Gauss error function of each element.", "float")
floor = unary(__name__, "floor",
              "Each element rounded toward negative infinity (integers are unchanged).")
ceil = unary(__name__, "ceil",
             "Each element rounded toward positive infinity (integers are unchanged).")
round = unary(__name__, "round",  # noqa: A001 (numpy's name)
              "Each element rounded to the nearest integer, halves to even (integers are "
              "unchanged).")
logical_not = unary(__name__, "logical_not", "``not x`` of a bool tensor.", "bool",
                    bool_result=True)
isnan = unary(__name__, "isnan", "Whether each element is NaN (false for integers).", "any",
              bool_result=True)
isinf = unary(__name__, "isinf", "Whether each element is infinite (false for integers).", "any",
              bool_result=True)
isfinite = unary(__name__, "isfinite",
                 "Whether each element is neither infinite nor NaN (true for integers).", "any",
                 bool_result=True)


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
    "abs", "negative", "square", "sign", "exp", "log", "sqrt", "rsqrt", "sin", "cos", "tanh",
    "sigmoid", "erf", "floor", "ceil", "round", "logical_not", "isnan", "isinf", "isfinite",
    "clip",
]
