"""BlockBuilder: build Relax functions binding by binding, with struct info inferred.

Example
-------
>>> from tessel import relax
>>> x = relax.Var("x", relax.TensorStructInfo([4, 8], "float32"))
>>> bb = relax.BlockBuilder()
>>> with bb.function("main", [x]):
...     with bb.dataflow():
...         y = bb.emit(relax.op.call_pure_packed("my_func", x,
...                                               sinfo_args=relax.TensorStructInfo([4, 8], "float32")))
...         out = bb.emit_output(y)
...     bb.emit_func_output(out)
>>> bb.get()["main"].params[0].name_hint
'x'
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Iterator, Optional, Sequence

from .. import te
from .._core import relax as _relax
from ..error import InvalidArgumentError
from ..ir import GlobalVar, IRModule
from .expr import BindingBlock, Expr, Function, SeqExpr, Var
from .struct_info import StructInfo

_current = threading.local()


class BlockBuilder:
    """Builds the functions of an IRModule; every emitted value is normalized.

    Normalizing infers the struct info of a value (operators through their inference,
    calls of module functions through the callee's signature) and, inside a block, binds
    nested non-leaf arguments to variables of their own (A-normal form).

    Parameters
    ----------
    mod
        A module whose functions the builder starts from (copied), or None.
    """

    def __init__(self, mod: Optional[IRModule] = None):
        self._impl = _relax.BlockBuilder(mod)
        self._func: Optional[dict] = None

    @staticmethod
    def current() -> Optional["BlockBuilder"]:
        """The builder whose ``function`` scope is innermost in this thread, or None."""
        stack = getattr(_current, "stack", [])
        return stack[-1] if stack else None

    # -- functions -------------------------------------------------------------------------
    @contextlib.contextmanager
    def function(self, name: str, params: Optional[Sequence[Var]] = None,
                 attrs: Optional[dict] = None, pure: bool = True) -> Iterator[None]:
        """Scope of a function ``name``; end it with :meth:`emit_func_output`.

        Parameters
        ----------
        name
            The function's name in the module (its ``global_symbol``).
        params
            The parameters (Vars with struct info); may instead be given to
            :meth:`emit_func_output`.
        attrs
            Extra function attributes.
        pure
            Whether the function has no visible side effect.
        """
        if self._func is not None:
            raise InvalidArgumentError(
                f"BlockBuilder.function({name!r}): function {self._func['name']!r} is still open")
        self._func = {"name": name, "params": list(params) if params is not None else None,
                      "attrs": dict(attrs or {}), "pure": pure, "blocks": [], "done": False}
        _current.stack = getattr(_current, "stack", []) + [self]
        self._impl.begin_binding_block()
        try:
            yield
            if not self._func["done"]:
                raise InvalidArgumentError(
                    f"BlockBuilder.function({name!r}): the scope ended without emit_func_output")
        finally:
            _current.stack = _current.stack[:-1]
            self._func = None

    def emit_func_output(self, output: Expr | Sequence[Expr],
                         params: Optional[Sequence[Var]] = None) -> GlobalVar:
        """Finish the open function with its result; returns the function's GlobalVar.

        A list or tuple of outputs becomes a Tuple.
        """
        func = self._require_function("emit_func_output")
        if self._impl.current_block_is_dataflow():
            raise InvalidArgumentError("BlockBuilder.emit_func_output: a dataflow block is still open")
        if params is not None:
            if func["params"] is not None:
                raise InvalidArgumentError(
                    "BlockBuilder.emit_func_output: params were already given to function()")
            func["params"] = list(params)
        if func["params"] is None:
            raise InvalidArgumentError("BlockBuilder.emit_func_output: the function has no params")
        if isinstance(output, (list, tuple)):
            output = _relax.Tuple(list(output))
        output = self._impl.normalize(output)
        self._close_block()
        body = self._impl.normalize(SeqExpr(func["blocks"], output))
        attrs = dict(func["attrs"])
        attrs.setdefault("global_symbol", func["name"])
        relax_func = Function(func["params"], body, None, func["pure"], attrs)
        func["done"] = True
        return self._impl.add_function(relax_func, func["name"])

    @contextlib.contextmanager
    def dataflow(self) -> Iterator[None]:
        """Scope of a dataflow block: pure bindings, only :meth:`emit_output` values visible after."""
        self._require_function("dataflow")
        if self._impl.current_block_is_dataflow():
            raise InvalidArgumentError("BlockBuilder.dataflow: dataflow blocks do not nest")
        self._close_block()
        self._impl.begin_dataflow_block()
        try:
            yield
        finally:
            self._close_block()
            self._impl.begin_binding_block()

    def _close_block(self) -> None:
        block: BindingBlock = self._impl.end_block()
        if len(block.bindings) > 0:
            self._func["blocks"].append(block)

    def _require_function(self, what: str) -> dict:
        if self._func is None:
            raise InvalidArgumentError(f"BlockBuilder.{what}: not inside bb.function(...)")
        return self._func

    # -- bindings --------------------------------------------------------------------------
    def emit(self, expr: Expr, name_hint: str = "") -> Var:
        """Bind ``expr`` (normalized) to a new variable and return it."""
        self._require_function("emit")
        return self._impl.emit(expr, name_hint)

    def emit_output(self, output: Expr | Sequence[Expr], name_hint: str = "") -> Var:
        """In a dataflow block, bind ``output`` to a variable visible after the block."""
        if isinstance(output, (list, tuple)):
            output = _relax.Tuple(list(output))
        return self._impl.emit_output(output, name_hint)

    def match_cast(self, value: Expr, struct_info: StructInfo, name_hint: str = "") -> Var:
        """Bind ``R.match_cast(value, struct_info)``: checked at run time, may define symbolic dims."""
        self._require_function("match_cast")
        return self._impl.emit_match_cast(value, struct_info, name_hint)

    def normalize(self, expr: Expr) -> Expr:
        """``expr`` with struct info inferred on it and every sub-expression."""
        return self._impl.normalize(expr)

    def lookup_binding(self, var: Var) -> Optional[Expr]:
        """The value bound to ``var`` by this builder, or None."""
        return self._impl.lookup_binding(var)

    # -- module ----------------------------------------------------------------------------
    def add_func(self, func: Any, func_name: str) -> GlobalVar:
        """Add a function (Relax or TensorIR) under a unique name made from ``func_name``.

        A PrimFunc structurally equal to one already added is not added twice.
        """
        return self._impl.add_function(func, func_name)

    def update_func(self, gv: GlobalVar, func: Any) -> None:
        """Replace the function of ``gv``."""
        self._impl.update_function(gv, func)

    def get(self) -> IRModule:
        """The module built so far."""
        return self._impl.get()

    # -- tensor expressions ----------------------------------------------------------------
    def call_te(self, fcompute: Callable[..., Any], *args: Any,
                primfunc_name_hint: Optional[str] = None, **kwargs: Any) -> Expr:
        """A ``call_tir`` of the PrimFunc that ``fcompute`` describes with :mod:`tessel.te`.

        Each positional argument that is a Relax tensor expression becomes a te placeholder
        of its shape and dtype (symbolic dimensions kept); other positional arguments and
        ``kwargs`` are passed to ``fcompute`` as they are. ``fcompute`` returns a te tensor
        or a list of them (the outputs).
        """
        args = [self._impl.normalize(a) if isinstance(a, Expr) else a for a in args]
        tensor_args = [a for a in args if _is_tensor(a)]
        name = primfunc_name_hint or getattr(fcompute, "__name__", "te_func").strip("<>")
        if name == "lambda":
            name = "te_func"

        def compute(placeholders):
            it = iter(placeholders)
            te_args = [next(it) if _is_tensor(a) else a for a in args]
            return fcompute(*te_args, **kwargs)

        return self._impl.call_te(name, tensor_args, compute)

    def emit_te(self, fcompute: Callable[..., Any], *args: Any,
                primfunc_name_hint: Optional[str] = None, **kwargs: Any) -> Var:
        """Emit :meth:`call_te` and return the bound variable."""
        return self.emit(self.call_te(fcompute, *args, primfunc_name_hint=primfunc_name_hint,
                                      **kwargs))


def _is_tensor(value: Any) -> bool:
    return isinstance(value, Expr) and isinstance(value.struct_info_, _relax.TensorStructInfo)


__all__ = ["BlockBuilder"]
for _name in __all__:
    globals()[_name].__module__ = "tessel.relax"
