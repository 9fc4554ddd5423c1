"""The ``I`` dialect of the script: modules (``@I.ir_module``) and their attributes.

.. code-block:: python

    from tessel.script import ir as I, tir as T

    @I.ir_module
    class Module:
        I.module_attrs({"version": 1})

        @T.prim_func
        def main(...): ...
"""

import ast
import inspect
from typing import Any, Dict

from .. import ir as _ir
from .parser import Parser, Source, register_handler

Range = _ir.Range


def op(name: str) -> _ir.Op:
    """The registered operator ``name``."""
    return _ir.Op.get(name)


def module_attrs(attrs: Dict[str, Any]) -> None:
    """Set the attributes of the enclosing ``@I.ir_module`` class.

    The parser reads this call from the class's source; when Python itself runs the
    class body (before the decorator parses it) the call does nothing.
    """


def ir_module(cls: type) -> _ir.IRModule:
    """Parse the decorated class into an :class:`tessel.ir.IRModule`.

    Each method decorated with a function dialect (``@T.prim_func``, ``@R.function``)
    becomes a function of the module under the method's name; ``I.module_attrs({...})``
    in the class body sets module attributes. Names of the enclosing Python scope
    (constants, helper functions) are visible to the script.

    Raises
    ------
    tessel.error.ParseError
        With the file, line and column of the offending text.
    """
    caller = inspect.currentframe().f_back
    names = {**caller.f_globals, **caller.f_locals}
    return parse(Source.of(cls), names)


class _ModuleNamespace:
    """``Module.f`` (or ``cls.f``) inside the script: the GlobalVar of function ``f``."""

    def __init__(self, name: str, global_vars: Dict[str, _ir.GlobalVar]):
        self._name, self._global_vars = name, global_vars

    def __getattr__(self, attr: str) -> _ir.GlobalVar:
        try:
            return self._global_vars[attr]
        except KeyError:
            raise AttributeError(f"module {self._name} has no function '{attr}'") from None


class ModuleContext:
    """What the functions of one ``@I.ir_module`` class share while it is parsed.

    Attributes
    ----------
    functions
        GlobalVar -> function: the functions parsed so far, and stand-ins (signatures with
        placeholder bodies) for the ones a dialect declared but has not parsed yet.
    state
        Per-dialect data shared by the module's functions (the Relax BlockBuilder).
    """

    def __init__(self):
        self.functions: Dict[_ir.GlobalVar, _ir.BaseFunc] = {}
        self.state: Dict[str, Any] = {}


def _parse_ir_module(parser: Parser, node: ast.AST, kwargs: Dict[str, Any]) -> _ir.IRModule:
    if not isinstance(node, ast.ClassDef):
        raise parser.error(node, "@I.ir_module decorates a class")
    global_vars = {}
    for stmt in node.body:
        if isinstance(stmt, ast.FunctionDef):
            if stmt.name in global_vars:
                raise parser.error(stmt, f"function '{stmt.name}' is defined twice in the module")
            global_vars[stmt.name] = _ir.GlobalVar(stmt.name)
    functions, attrs = {}, {}
    methods = []
    with parser.vars.frame():
        namespace = _ModuleNamespace(node.name, global_vars)
        parser.vars.define(node.name, namespace)
        parser.vars.define("cls", namespace)
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef):
                methods.append(stmt)
            elif _is_call_to(parser, stmt, module_attrs):
                if len(stmt.value.args) != 1 or not isinstance(stmt.value.args[0], ast.Dict):
                    raise parser.error(stmt, "I.module_attrs takes one dict literal")
                attrs.update(parser.eval_expr(stmt.value.args[0]))
            elif isinstance(stmt, ast.Pass) or _is_docstring(stmt):
                continue
            else:
                raise parser.error(stmt, "expected a decorated function, I.module_attrs({...}) "
                                         "or pass in an @I.ir_module class")
        # Functions that declare their signatures (Relax) may call any function of the
        # module: declare them all, parse the others (TensorIR) whole, then their bodies.
        context = ModuleContext()
        declared = []
        for stmt in methods:
            declare = parser.declarer(stmt)
            gv = global_vars[stmt.name]
            if declare is None:
                functions[gv] = context.functions[gv] = parser.parse_decorated(
                    stmt, global_var=gv)
            else:
                context.functions[gv] = declare(stmt, global_var=gv)
                declared.append(stmt)
        for stmt in declared:
            gv = global_vars[stmt.name]
            functions[gv] = context.functions[gv] = parser.parse_decorated(
                stmt, global_var=gv, module=context)
    return _ir.IRModule({gv: functions[gv] for gv in global_vars.values()}, attrs)


def _is_call_to(parser: Parser, stmt: ast.stmt, func: Any) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and parser.eval_expr(stmt.value.func) is func)


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and \
        isinstance(stmt.value.value, str)


def parse(source: Source, names: Dict[str, Any]) -> Any:
    """Parse ``source`` with the standard dialect names plus ``names`` in scope."""
    from . import default_names

    return Parser(source, {**default_names(), **names}).parse()


register_handler(ir_module, _parse_ir_module)

__all__ = ["ir_module", "module_attrs", "op", "Range"]
