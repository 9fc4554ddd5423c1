"""The ``R`` dialect of the script: Relax functions (``@R.function``).

.. code-block:: python

    from tessel.script import I, R, T

    @I.ir_module
    class Module:
        @T.prim_func
        def scale(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")): ...

        @R.function
        def main(x: R.Tensor(("n", 8), "float32")) -> R.Tensor(("n", 8), "float32"):
            n = T.int64()
            with R.dataflow():
                y = R.call_tir(cls.scale, (x,), out_sinfo=R.Tensor((n, 8), "float32"))
                R.output(y)
            return y

The names here are what a script calls: struct info (``R.Tensor``, ``R.Shape``,
``R.Tuple``, ``R.Object``, ``R.Prim``, ``R.Callable``), values (``R.shape``,
``R.prim_value``, ``R.str``, ``R.const``, ``R.ExternFunc``), the cross-level calls
(``R.call_tir``, ``R.call_dps_packed``, ``R.call_pure_packed``), and the statements
``with R.dataflow():``, ``R.output(...)``, ``R.match_cast(...)``, ``R.func_attr({...})``.
Every operator of :mod:`tessel.relax.op` is available under the same name (``R.add``,
``R.matmul``, ``R.nn.relu``), looked up when used, so operators added later appear too;
a registered ``relax.<name>`` operator without a Python wrapper is called as
``R.<name>(*args, **attrs)``.

String dimensions (``R.Tensor(("n", 784), "float32")``) are int64 symbolic variables
shared by the whole function; ``n = T.int64()`` at the top of a function declares one
by name, as the printer writes it.
"""

import builtins
import inspect
import typing
from typing import Any, Dict, List, Optional

import numpy as np

from .. import ir as _ir
from .. import relax as _relax
from .. import tir as _tir
from .parser import Parser, Source, defined_in_class_body

# ---- symbolic dimensions ----------------------------------------------------------------

#: The symbolic-variable scopes of the functions being parsed, innermost last. Each maps a
#: name to its variable, creating it on first use.
_SYMBOL_SCOPES: List[typing.Callable[[builtins.str], "_tir.Var"]] = []


def _dim(value: Any) -> Any:
    """A shape dimension: ints stay ints (int64 in the node), str names a symbolic variable."""
    if isinstance(value, builtins.str):
        if _SYMBOL_SCOPES:
            return _SYMBOL_SCOPES[-1](value)
        return _tir.Var(value, "int64")
    if isinstance(value, (builtins.bool, np.bool_)):
        raise TypeError(f"a shape dimension must be an int, a str or a PrimExpr, found {value!r}")
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, _ir.PrimExpr):
        return value
    raise TypeError("a shape dimension must be an int, a str naming a symbolic variable or "
                    f"a PrimExpr, found {type(value).__name__}")


def _dims(values: Any, what: str) -> list:
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{what} takes a list or tuple of dimensions, found "
                        f"{type(values).__name__}")
    return [_dim(v) for v in values]


# ---- struct info ------------------------------------------------------------------------


def Tensor(shape: Any = None, dtype: Optional[str] = None,  # noqa: N802 (TVMScript spelling)
           ndim: int = -1) -> _relax.TensorStructInfo:
    """The struct info of a tensor: ``R.Tensor((n, 784), "float32")``.

    Parameters
    ----------
    shape
        The dimensions (ints, str names of symbolic variables, PrimExprs), or a Relax
        variable holding a shape; None when unknown. A str here is taken as the dtype
        (``R.Tensor("float32", ndim=2)``).
    dtype
        The element type; None when unknown.
    ndim
        The rank when the shape is unknown; -1 when unknown too.
    """
    if isinstance(shape, builtins.str) and dtype is None:
        shape, dtype = None, shape
    if shape is not None and not isinstance(shape, _relax.Expr):
        shape = _dims(shape, "R.Tensor")
    return _relax.TensorStructInfo(shape, dtype or "void", ndim)


def Shape(values: Any = None, ndim: int = -1) -> _relax.ShapeStructInfo:  # noqa: N802
    """The struct info of a shape value: ``R.Shape([n, 4])`` or ``R.Shape(ndim=2)``."""
    if values is not None:
        values = _dims(values, "R.Shape")
    return _relax.ShapeStructInfo(values, ndim)


def Prim(dtype: str) -> _relax.PrimStructInfo:  # noqa: N802
    """The struct info of a scalar: ``R.Prim("int64")``."""
    return _relax.PrimStructInfo(dtype)


def Tuple(*fields: Any) -> _relax.TupleStructInfo:  # noqa: N802
    """The struct info of a tuple: ``R.Tuple(R.Tensor((2,), "float32"), R.Object)``."""
    if len(fields) == 1 and isinstance(fields[0], (list, tuple)):
        fields = tuple(fields[0])
    return _relax.TupleStructInfo([to_struct_info(f) for f in fields])


def Callable(params: Any, ret: Any, purity: bool = True) -> _relax.FuncStructInfo:  # noqa: N802
    """The struct info of a function: ``R.Callable((R.Tensor(...),), R.Tensor(...))``."""
    return _relax.FuncStructInfo([to_struct_info(p) for p in params], to_struct_info(ret),
                                 purity)


#: The struct info of any value: ``R.Object``.
Object = _relax.ObjectStructInfo()


def to_struct_info(value: Any) -> _relax.StructInfo:
    """``value`` as struct info: a StructInfo, or a maker written without a call (``R.Tensor``).

    Raises
    ------
    TypeError
        When ``value`` is not struct info.
    """
    if isinstance(value, _relax.StructInfo):
        return value
    if any(value is maker for maker in (Tensor, Shape, Tuple)):
        return value()
    if isinstance(value, (list, tuple)):
        return Tuple(*value)
    raise TypeError("expected struct info such as R.Tensor((n, 4), \"float32\"), found "
                    f"{type(value).__name__}")


# ---- values -----------------------------------------------------------------------------


def to_expr(value: Any) -> _relax.Expr:
    """``value`` as a Relax expression: Python tuples and lists become Tuples.

    Raises
    ------
    TypeError
        When ``value`` is neither a Relax expression nor a tuple of them.
    """
    if isinstance(value, _relax.Expr):
        return value
    if isinstance(value, (tuple, list)):
        return _relax.Tuple([to_expr(v) for v in value])
    raise TypeError(f"expected a Relax expression, found {type(value).__name__}"
                    + (f" {value!r}" if isinstance(value, (int, float, builtins.str)) else "")
                    + "; write R.const(...), R.prim_value(...) or R.str(...) for a constant")


def shape(values: Any) -> _relax.ShapeExpr:
    """A shape value: ``R.shape([n, 4])``."""
    return _relax.ShapeExpr(_dims(values, "R.shape"))


def prim_value(value: Any) -> _relax.PrimValue:
    """A scalar value: ``R.prim_value(n)``; Python ints are int64, floats float64."""
    if isinstance(value, (builtins.bool, np.bool_)):
        value = _ir.IntImm("bool", int(value))
    elif isinstance(value, (int, np.integer)):
        value = _ir.IntImm("int64", int(value))
    elif isinstance(value, (float, np.floating)):
        value = _ir.FloatImm("float64", float(value))
    return _relax.PrimValue(value)


def str(value: builtins.str) -> _relax.StringImm:  # noqa: A001 (TVMScript spelling)
    """A string value: ``R.str("text")``."""
    return _relax.StringImm(value)


def const(value: Any, dtype: Optional[builtins.str] = None) -> _relax.Constant:
    """A constant tensor from a number, nested lists or a numpy array:
    ``R.const(1.0, "float32")`` (a number is a tensor of rank 0).

    Without ``dtype``, Python floats are float32 and ints int64, as in
    :func:`tessel.relax.const`.
    """
    return _relax.const(value, dtype)


ExternFunc = _relax.ExternFunc


def _out_sinfo(out_sinfo: Any) -> _relax.StructInfo:
    """out_sinfo as struct info; a list of several is a tuple of outputs."""
    if isinstance(out_sinfo, (list, tuple)):
        if len(out_sinfo) == 1:
            return to_struct_info(out_sinfo[0])
        return Tuple(*out_sinfo)
    return to_struct_info(out_sinfo)


def call_tir(gvar: _ir.GlobalVar, args: Any, out_sinfo: Any,
             tir_vars: Any = None) -> _relax.Call:
    """A destination-passing call of a PrimFunc of the module:
    ``R.call_tir(cls.add, (x, y), out_sinfo=R.Tensor((n, 4), "float32"))``.

    Parameters
    ----------
    gvar
        The PrimFunc, as ``cls.name``.
    args
        The tensor arguments (a tuple).
    out_sinfo
        The output's struct info; a list of several for a tuple of outputs.
    tir_vars
        Extra symbolic values passed to the PrimFunc (a list or an ``R.shape``).
    """
    if not isinstance(gvar, _ir.GlobalVar):
        raise TypeError(f"R.call_tir calls a PrimFunc of the module (cls.name), found "
                        f"{type(gvar).__name__}")
    if tir_vars is not None and not isinstance(tir_vars, _relax.Expr):
        tir_vars = shape(tir_vars)
    return _relax.call_tir(gvar, _arg_list(args), _out_sinfo(out_sinfo), tir_vars)


def call_dps_packed(func: Any, args: Any, out_sinfo: Any) -> _relax.Call:
    """A destination-passing call of a registered runtime function:
    ``R.call_dps_packed("my_kernel", (x,), out_sinfo=R.Tensor((4,), "float32"))``."""
    return _relax.call_dps_packed(_extern_name(func), _arg_list(args), _out_sinfo(out_sinfo))


def call_pure_packed(func: Any, *args: Any, sinfo_args: Any) -> _relax.Call:
    """A call of a registered runtime function that has no side effect:
    ``R.call_pure_packed("f", x, y, sinfo_args=R.Tensor((4,), "float32"))``."""
    if isinstance(sinfo_args, (list, tuple)):
        sinfo_args = sinfo_args[0] if len(sinfo_args) == 1 else Tuple(*sinfo_args)
    return _relax.call_pure_packed(_extern_name(func), *[to_expr(a) for a in args],
                                   sinfo_args=to_struct_info(sinfo_args))


def _extern_name(func: Any) -> builtins.str:
    if isinstance(func, _relax.ExternFunc):
        return func.global_symbol
    if isinstance(func, _relax.StringImm):
        return func.value
    if isinstance(func, builtins.str):
        return func
    raise TypeError(f"expected the name of a runtime function, found {type(func).__name__}")


def _arg_list(args: Any) -> List[_relax.Expr]:
    """The arguments of a destination-passing call: a tuple literal's fields, or one value."""
    if isinstance(args, _relax.Tuple):
        return list(args.fields)
    if isinstance(args, (tuple, list)):
        return [to_expr(a) for a in args]
    return [to_expr(args)]


# ---- statements ---------------------------------------------------------------------------


class MatchCastValue:
    """``R.match_cast(value, sinfo)``: bound to a variable, a checked cast (see match_cast)."""

    def __init__(self, value: _relax.Expr, struct_info: _relax.StructInfo):
        self.value, self.struct_info = value, struct_info


def match_cast(value: Any, struct_info: Any) -> MatchCastValue:
    """``y = R.match_cast(x, R.Tensor(("m", 4), "float32"))``: y is x, checked at run time
    to match the struct info, whose new symbolic variables (m) it defines."""
    return MatchCastValue(to_expr(value), to_struct_info(struct_info))


class ScriptStatement:
    """What ``R.dataflow()``, ``R.output(...)`` and ``R.func_attr(...)`` return: statements
    of a Relax function that the parser acts on, not values."""

    def __init__(self, name: builtins.str, args: tuple):
        self.name, self.args = name, args


def dataflow() -> ScriptStatement:
    """``with R.dataflow():`` a block of pure bindings; its variables are local to it except
    those listed by the ``R.output(...)`` that ends it."""
    return ScriptStatement("dataflow", ())


def output(*vars: Any) -> ScriptStatement:  # noqa: A002 (TVMScript spelling)
    """``R.output(a, b)``: the last statement of a dataflow block, naming the variables
    visible after it."""
    return ScriptStatement("output", vars)


def func_attr(attrs: Dict[builtins.str, Any]) -> ScriptStatement:
    """``R.func_attr({...})``: the attributes of the enclosing function."""
    return ScriptStatement("func_attr", (attrs,))


def function(func: Optional[typing.Callable] = None, *, pure: bool = True,
             private: bool = False) -> Any:
    """Parse the decorated Python function into a :class:`tessel.relax.Function`.

    Inside an ``@I.ir_module`` class the function is parsed with its class, and
    ``cls.name`` refers to the module's functions.

    Parameters
    ----------
    pure
        Whether the function has no visible side effect.
    private
        Whether the function is internal to its module. In an ``@I.ir_module`` a public
        function gets the attribute ``"global_symbol"`` (its name, unless
        ``R.func_attr`` sets another); a private one, or a function parsed on its own,
        has only the attributes ``R.func_attr`` gives.

    Raises
    ------
    tessel.error.ParseError
        With the file, line and column of the offending text.
    tessel.error.TypeInferenceError
        When struct info inference fails or an annotation contradicts it, at that line.
    """
    def wrap(f):
        if defined_in_class_body(f):
            return f
        from . import default_names

        frame = inspect.currentframe().f_back
        caller = frame.f_back if func is not None else frame
        names = {**default_names(), **caller.f_globals, **caller.f_locals}
        return Parser(Source.of(f), names).parse()

    return wrap(func) if func is not None else wrap


# ---- operators ----------------------------------------------------------------------------


class _OpNamespace:
    """``R.nn``: the operators whose names start with ``relax.nn.``."""

    def __init__(self, path: builtins.str):
        self._path = path

    def __getattr__(self, name: builtins.str) -> Any:
        found = _lookup_op(self._path + "." + name)
        if found is None:
            raise AttributeError(f"'R.{self._path}' has no operator '{name}'")
        return found

    def __repr__(self) -> builtins.str:
        return f"R.{self._path}"


def _generic_op(op_name: builtins.str) -> typing.Callable:
    """A caller of a registered operator that has no Python wrapper."""
    op = _ir.Op.get(op_name)

    def call(*args: Any, sinfo_args: Any = None, **attrs: Any) -> _relax.Call:
        sinfo = [to_struct_info(s) for s in sinfo_args] if sinfo_args else []
        return _relax.Call(op, [to_expr(a) for a in args], attrs, sinfo)

    call.__name__ = op_name.rsplit(".", 1)[-1]
    call.__doc__ = f"A call of the operator {op_name}."
    return call


def _wrapper(path: builtins.str) -> Any:
    """The function tessel.relax.op.<path> when it is an operator wrapper, else None."""
    from ..relax import op as value

    for part in path.split("."):
        value = getattr(value, part, None)
    module = getattr(value, "__module__", None) or ""
    # tessel.relax.op._make holds the wrappers' own helpers, not operators.
    if inspect.isfunction(value) and module.startswith("tessel.relax.op.") and \
            not module.startswith("tessel.relax.op._"):
        return value
    return None


def _lookup_op(path: builtins.str) -> Any:
    """``R.<path>``: an operator wrapper, a caller of a registered operator without one,
    a namespace of operators (``R.nn``), or None."""
    if path.startswith("_"):
        return None
    wrapper = _wrapper(path)
    if wrapper is not None:
        return wrapper
    names = _ir.Op.list_names()
    if "relax." + path in names:
        return _generic_op("relax." + path)
    if any(name.startswith("relax." + path + ".") for name in names):
        return _OpNamespace(path)
    return None


def __getattr__(name: builtins.str) -> Any:
    """``R.<op>``: the operators of tessel.relax.op, found when the script uses them."""
    found = _lookup_op(name)
    if found is None:
        raise AttributeError(f"module 'R' has no attribute '{name}'")
    return found


from . import relax_parser as _relax_parser  # noqa: E402 (registers the @R.function handler)

__all__ = ["function", "Tensor", "Shape", "Prim", "Tuple", "Callable", "Object",
           "to_struct_info", "to_expr", "shape", "prim_value", "str", "const", "ExternFunc",
           "call_tir", "call_dps_packed", "call_pure_packed", "match_cast", "MatchCastValue",
           "ScriptStatement", "dataflow", "output", "func_attr"]
