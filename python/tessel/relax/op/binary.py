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

from ._elementwise import binary

add = binary(__name__, "add", "``x1 + x2``")
subtract = binary(__name__, "subtract", "``x1 - x2``")
multiply = binary(__name__, "multiply", "``x1 * x2``")
divide = binary(
    __name__, "divide", "``x1 / x2``, true division of float tensors", "float",
    notes="Integer tensors are rejected: use :func:`floor_divide`, or convert them with "
          ":func:`tessel.relax.op.astype` first.")
floor_divide = binary(
    __name__, "floor_divide", "``x1 / x2`` rounded toward negative infinity",
    notes="Like ``numpy.floor_divide``: an integer divided by 0 gives 0, and the most negative "
          "integer divided by -1 wraps around to itself.")
floor_mod = binary(
    __name__, "floor_mod", "``x1 - floor_divide(x1, x2) * x2``",
    notes="Like ``numpy.mod``: the result has the sign of ``x2``, and an integer modulo 0 gives 0.")
power = binary(__name__, "power", "``x1`` to the power ``x2``, of float tensors", "float")
maximum = binary(__name__, "maximum", "The larger of ``x1`` and ``x2``")
minimum = binary(__name__, "minimum", "The smaller of ``x1`` and ``x2``")
equal = binary(__name__, "equal", "``x1 == x2``", "any", bool_result=True)
not_equal = binary(__name__, "not_equal", "``x1 != x2``", "any", bool_result=True)
less = binary(__name__, "less", "``x1 < x2``", "any", bool_result=True)
less_equal = binary(__name__, "less_equal", "``x1 <= x2``", "any", bool_result=True)
greater = binary(__name__, "greater", "``x1 > x2``", "any", bool_result=True)
greater_equal = binary(__name__, "greater_equal", "``x1 >= x2``", "any", bool_result=True)
logical_and = binary(__name__, "logical_and", "``x1 and x2`` of bool tensors", "bool",
                     bool_result=True)
logical_or = binary(__name__, "logical_or", "``x1 or x2`` of bool tensors", "bool",
                    bool_result=True)
logical_xor = binary(__name__, "logical_xor", "``x1 xor x2`` of bool tensors", "bool",
                     bool_result=True)

__all__ = [
    "add", "subtract", "multiply", "divide", "floor_divide", "floor_mod", "power", "maximum",
    "minimum", "equal", "not_equal", "less", "less_equal", "greater", "greater_equal",
    "logical_and", "logical_or", "logical_xor",
]
