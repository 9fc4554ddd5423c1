"""The dialect-independent parser: decorator dispatch, expression evaluation, errors.

A dialect registers, for each of its decorators (``I.ir_module``, ``T.prim_func``, ...),
a handler that turns the decorated class or function's AST into IR. The handler
uses this parser to evaluate expressions and to report errors with their location.
"""

import ast
import builtins
import operator
from typing import Any, Callable, Dict, Optional, Type

from ...error import ParseError, TesselError
from .scope import VarTable
from .source import Source

#: Decorator function -> handler(parser, node, decorator_kwargs, **context) -> IR.
_HANDLERS: Dict[Callable, Callable] = {}

#: Operator hooks dialects install for IR values, keyed by AST operator class.
_OPERATOR_HOOKS: Dict[type, Callable] = {}

#: Subscript hooks keyed by the class of the subscripted value (``A[i, j]`` on a buffer).
_SUBSCRIPT_HOOKS: Dict[type, Callable] = {}

#: Call hooks keyed by the class of the called value (``cls.f(x)`` on a GlobalVar).
_CALL_HOOKS: Dict[type, Callable] = {}

#: Dialect decorator -> declare(parser, node, kwargs, global_var) -> a stand-in function.
_DECLARERS: Dict[Callable, Callable] = {}


def register_handler(decorator: Callable, handler: Callable,
                     declare: Optional[Callable] = None) -> None:
    """Make ``handler`` parse classes or functions decorated with ``decorator``.

    ``declare``, when given, reads only a function's signature: a module declares every
    such function before parsing any body, so bodies may call functions defined later.
    """
    _HANDLERS[decorator] = handler
    if declare is not None:
        _DECLARERS[decorator] = declare


def register_operator(ast_op: type, hook: Callable) -> None:
    """Use ``hook(lhs, rhs)`` (or ``hook(operand)``) for an AST operator on IR values.

    Python's own meaning of ``==``, ``and`` and ``not`` cannot build IR, so the
    dialect that owns those values supplies their meaning.
    """
    _OPERATOR_HOOKS[ast_op] = hook


def register_subscript(value_class: type, hook: Callable) -> None:
    """Use ``hook(value, index)`` for ``value[index]`` when value is a ``value_class``."""
    _SUBSCRIPT_HOOKS[value_class] = hook


def register_call(value_class: type, hook: Callable) -> None:
    """Use ``hook(value, args, kwargs)`` for ``value(...)`` when value is a ``value_class``.

    IR values such as a module's GlobalVar are not Python callables; calling one in a
    script builds a call node of the dialect that owns them.
    """
    _CALL_HOOKS[value_class] = hook


class Unusable:
    """A name in scope that may not be used here; reading it raises ``message`` there.

    Dialects use it for names whose meaning ended, such as a variable local to a block
    that has closed, to say why rather than report an unknown name.
    """

    def __init__(self, message: str):
        self.message = message


def defined_in_class_body(func: Callable) -> bool:
    """Whether ``func`` is being defined inside a class body (a method of a script module).

    Such a function is parsed later, as part of its class.
    """
    parts = func.__qualname__.split(".")
    return len(parts) > 1 and parts[-2] != "<locals>"


_BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow, ast.BitAnd: operator.and_, ast.BitOr: operator.or_,
    ast.BitXor: operator.xor, ast.LShift: operator.lshift, ast.RShift: operator.rshift,
}
_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert,
          ast.Not: operator.not_}


class Parser:
    """Parses one source text. Dialect handlers call back into it.

    Parameters
    ----------
    source
        The text.
    globals_
        Names visible to the script besides its own variables: the dialect namespaces
        (``I``, ``T``, ``R``), ``metadata``, and the caller's Python variables.
    """

    def __init__(self, source: Source, globals_: Dict[str, Any]):
        self.source = source
        self.globals = globals_
        self.vars = VarTable()

    def parse(self) -> Any:
        """The IR of the one decorated class or function at the top of the text."""
        tree = self.source.parse()
        decorated = [s for s in tree.body if isinstance(s, (ast.ClassDef, ast.FunctionDef))]
        if len(decorated) != 1:
            raise self.source.error(
                f"expected exactly one decorated class or function, found {len(decorated)}",
                line=1)
        return self.parse_decorated(decorated[0])

    def parse_decorated(self, node: ast.AST, **context) -> Any:
        """Parse a class or function with the handler of its dialect decorator."""
        decorator, kwargs = self._dialect_decorator(node)
        return _HANDLERS[decorator](self, node, kwargs, **context)

    def declarer(self, node: ast.AST) -> Optional[Callable]:
        """``declare(node, **context)`` when node's dialect declares signatures, else None."""
        decorator, kwargs = self._dialect_decorator(node)
        declare = _DECLARERS.get(decorator)
        if declare is None:
            return None
        return lambda node, **context: declare(self, node, kwargs, **context)

    def _dialect_decorator(self, node: ast.AST):
        """The dialect decorator of a class or function and its keyword arguments."""
        for decorator in node.decorator_list:
            target, kwargs = decorator, {}
            if isinstance(decorator, ast.Call):
                target = decorator.func
                kwargs = {k.arg: self.eval_expr(k.value) for k in decorator.keywords}
            value = self.eval_expr(target)
            if value in _HANDLERS:
                return value, kwargs
        raise self.error(node, f"'{node.name}' has no script decorator such as "
                               "@I.ir_module, @T.prim_func or @R.function")

    def error(self, node: Optional[ast.AST], message: str,
              kind: Type[TesselError] = ParseError) -> TesselError:
        """An error of class ``kind`` at ``node`` with the source line and a caret under it."""
        return self.source.error(message, node, kind=kind)

    # ---- expressions -------------------------------------------------------------

    def lookup(self, name: str, node: ast.AST) -> Any:
        """The value of a name: script variables, then globals, then Python builtins."""
        if name in self.vars:
            value = self.vars.lookup(name)
            if isinstance(value, Unusable):
                raise self.error(node, value.message)
            return value
        if name in self.globals:
            return self.globals[name]
        if hasattr(builtins, name):
            return getattr(builtins, name)
        raise self.error(node, f"unknown name '{name}'")

    def eval_expr(self, node: ast.AST) -> Any:
        """Evaluate an expression; any error becomes a ParseError at the expression."""
        method = getattr(self, "_eval_" + type(node).__name__, None)
        if method is None:
            raise self.error(node, f"unsupported syntax: {type(node).__name__}")
        try:
            return method(node)
        except ParseError:
            raise
        except (TesselError, TypeError, ValueError, AttributeError, IndexError, KeyError) as err:
            raise self.error(node, str(err).strip("'\"") or type(err).__name__) from None

    def _eval_Constant(self, node: ast.Constant) -> Any:
        return node.value

    def _eval_Name(self, node: ast.Name) -> Any:
        return self.lookup(node.id, node)

    def _eval_Attribute(self, node: ast.Attribute) -> Any:
        value = self.eval_expr(node.value)
        if not hasattr(value, node.attr):
            owner = ast.unparse(node.value)
            raise self.error(node, f"'{owner}' has no attribute '{node.attr}'")
        return getattr(value, node.attr)

    def _eval_Call(self, node: ast.Call) -> Any:
        func = self.eval_expr(node.func)
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                args.extend(self.eval_expr(arg.value))
            else:
                args.append(self.eval_expr(arg))
        kwargs = {k.arg: self.eval_expr(k.value) for k in node.keywords}
        hook = _CALL_HOOKS.get(type(func))
        if hook is not None:
            return hook(func, args, kwargs)
        if not callable(func):
            raise self.error(node.func, f"'{ast.unparse(node.func)}' is not callable")
        return func(*args, **kwargs)

    def _eval_Tuple(self, node: ast.Tuple) -> Any:
        return tuple(self.eval_expr(e) for e in node.elts)

    def _eval_List(self, node: ast.List) -> Any:
        return [self.eval_expr(e) for e in node.elts]

    def _eval_Dict(self, node: ast.Dict) -> Any:
        if any(k is None for k in node.keys):
            raise self.error(node, "'**' in a dict is not supported in script")
        return {self.eval_expr(k): self.eval_expr(v) for k, v in zip(node.keys, node.values)}

    def _eval_Subscript(self, node: ast.Subscript) -> Any:
        value, index = self.eval_expr(node.value), self.eval_expr(node.slice)
        hook = _SUBSCRIPT_HOOKS.get(type(value))
        return hook(value, index) if hook else value[index]

    def _eval_Slice(self, node: ast.Slice) -> Any:
        part = lambda n: None if n is None else self.eval_expr(n)  # noqa: E731
        return slice(part(node.lower), part(node.upper), part(node.step))

    def _eval_BinOp(self, node: ast.BinOp) -> Any:
        lhs, rhs = self.eval_expr(node.left), self.eval_expr(node.right)
        return self._apply(type(node.op), _BINARY, node, lhs, rhs)

    def _eval_UnaryOp(self, node: ast.UnaryOp) -> Any:
        return self._apply(type(node.op), _UNARY, node, self.eval_expr(node.operand))

    def _eval_BoolOp(self, node: ast.BoolOp) -> Any:
        values = [self.eval_expr(v) for v in node.values]
        result = values[0]
        for value in values[1:]:
            if type(node.op) in _OPERATOR_HOOKS and (_is_ir(result) or _is_ir(value)):
                result = _OPERATOR_HOOKS[type(node.op)](result, value)
            elif isinstance(node.op, ast.And):
                result = result and value
            else:
                result = result or value
        return result

    def _eval_Compare(self, node: ast.Compare) -> Any:
        lhs = self.eval_expr(node.left)
        result = None
        for op, right in zip(node.ops, node.comparators):
            rhs = self.eval_expr(right)
            part = self._apply(type(op), _COMPARE, node, lhs, rhs)
            result = part if result is None else self._eval_and(result, part)
            lhs = rhs
        return result

    def _eval_IfExp(self, node: ast.IfExp) -> Any:
        cond = self.eval_expr(node.test)
        if _is_ir(cond):
            raise self.error(node.test, "a conditional expression needs a Python value; "
                                        "use T.Select for an IR condition")
        return self.eval_expr(node.body if cond else node.orelse)

    def _eval_and(self, a: Any, b: Any) -> Any:
        if ast.And in _OPERATOR_HOOKS and (_is_ir(a) or _is_ir(b)):
            return _OPERATOR_HOOKS[ast.And](a, b)
        return a and b

    def _apply(self, op: type, table: Dict[type, Callable], node: ast.AST, *operands) -> Any:
        if op in _OPERATOR_HOOKS and any(_is_ir(x) for x in operands):
            return _OPERATOR_HOOKS[op](*operands)
        if op not in table:
            raise self.error(node, f"unsupported operator {op.__name__}")
        return table[op](*operands)


def _is_ir(value: Any) -> bool:
    from ...ir import Object

    return isinstance(value, Object)
