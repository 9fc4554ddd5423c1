"""The parser of ``@R.function``: statements of a Relax function, emitted through a BlockBuilder.

Every value a script binds is normalized by the BlockBuilder (the C++ builder behind
:class:`tessel.relax.BlockBuilder`, whose block-level methods the parser drives: it names
the variables and keeps annotations itself), so struct info is inferred and nested calls
are bound to variables of their own (A-normal form).
A binding's annotation ``y: R.Tensor((n, 4), "float32") = value`` must be a base of the
inferred struct info (equal or less specific); the variable then takes the annotation.
A more specific annotation is an error naming both: assert it with ``R.match_cast``.
The same rule holds for a function's return annotation.
"""

import ast
from typing import Any, Dict, List, Optional, Tuple

from .. import ir as _ir
from .. import relax as _relax
from .. import tir as _tir
from .._core import relax as _core  # the C++ BlockBuilder
from ..error import ParseError, TesselError, TypeInferenceError
from . import relax as R
from .parser import Parser, Unusable, register_call, register_handler, register_subscript
from .tir import _SCALAR_TYPES


class _FunctionParser:
    """Turns one ``@R.function`` into a :class:`tessel.relax.Function`."""

    def __init__(self, parser: Parser, builder: "_core.BlockBuilder"):
        self.p = parser
        self.bb = builder
        self.symbols: Dict[str, "_tir.Var"] = {}
        self.attrs: Dict[str, Any] = {}

    # ---- errors and expressions -----------------------------------------------------------

    def error(self, node: ast.AST, message: str) -> ParseError:
        return self.p.error(node, message)

    def eval_expr(self, node: ast.AST) -> "_relax.Expr":
        """Evaluate node to a Relax expression (Python tuples become Tuples)."""
        value = self.p.eval_expr(node)
        try:
            return R.to_expr(value)
        except TypeError as err:
            raise self.error(node, str(err)) from None

    def normalize(self, expr: "_relax.Expr", node: ast.AST) -> "_relax.Expr":
        """expr with struct info inferred; inference errors point at node."""
        try:
            return self.bb.normalize(expr)
        except TypeInferenceError as err:
            raise self.p.error(node, str(err), kind=TypeInferenceError) from None
        except TesselError as err:
            raise self.error(node, str(err)) from None

    def annotated(self, annotation: Optional[ast.AST], inferred: "_relax.StructInfo",
                  what: str) -> "_relax.StructInfo":
        """The struct info a variable gets: the annotation when it is a base of inferred."""
        if annotation is None:
            return inferred
        declared = self.struct_info(annotation)
        if not _relax.is_base_of(declared, inferred):
            raise self.p.error(
                annotation, f"{what} is annotated {_show(declared)}, but its value is "
                f"{_show(inferred)}; use R.match_cast to assert a more specific struct info",
                kind=TypeInferenceError)
        return declared

    def struct_info(self, node: ast.AST) -> "_relax.StructInfo":
        value = self.p.eval_expr(node)
        try:
            return R.to_struct_info(value)
        except TypeError as err:
            raise self.error(node, str(err)) from None

    def symbol(self, name: str) -> "_tir.Var":
        """The function's symbolic variable called name (an int64 tir.Var made on first use)."""
        if name not in self.symbols:
            self.symbols[name] = _tir.Var(name, "int64")
            if name not in self.p.vars:
                self.p.vars.define(name, self.symbols[name])
        return self.symbols[name]

    # ---- the function -------------------------------------------------------------------

    def signature(self, node: ast.FunctionDef):
        """The parameters and the return annotation (or None) of node, in the current frame."""
        args = node.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or args.defaults:
            raise self.error(node, "a Relax function takes plain parameters only")
        # `n = T.int64()` at the top of the body names symbolic variables of the signature.
        for stmt in node.body:
            if _is_symbolic_decl(stmt):
                self.declare_symbol(stmt)
        params = []
        for arg in args.args:
            if arg.annotation is None:
                raise self.error(arg, f"parameter '{arg.arg}' needs struct info such as "
                                      "R.Tensor((n, 4), \"float32\")")
            var = _relax.Var(arg.arg, self.struct_info(arg.annotation))
            self.p.vars.define(arg.arg, var)
            params.append(var)
        ret = self.struct_info(node.returns) if node.returns is not None else None
        return params, ret

    def declare_symbol(self, stmt: ast.Assign) -> None:
        name = stmt.targets[0].id
        spec = self.p.eval_expr(stmt.value)
        if name in self.symbols:
            raise self.error(stmt, f"symbolic variable '{name}' is already defined")
        self.symbols[name] = _tir.Var(name, spec.dtype)
        self.p.vars.define(name, self.symbols[name])

    def function(self, node: ast.FunctionDef, pure: bool, private: bool,
                 global_var: Optional[_ir.GlobalVar]) -> "_relax.Function":
        with self.p.vars.frame(), _symbol_scope(self.symbol):
            params, ret = self.signature(node)
            blocks, result, result_node = self.sequence(node.body, node, in_branch=False)
            body = self.normalize(_relax.SeqExpr(blocks, result), result_node)
            inferred = body.struct_info_
            if ret is not None and not _relax.is_base_of(ret, inferred):
                raise self.p.error(
                    node.returns, f"the function returns {_show(inferred)}, which is not "
                    f"a {_show(ret)}; use R.match_cast to assert a more specific struct info",
                    kind=TypeInferenceError)
        attrs = dict(self.attrs)
        # A public function of a module is callable from outside by its name.
        if global_var is not None and not private:
            attrs.setdefault("global_symbol", global_var.name_hint)
        return _relax.Function(params, body, ret if ret is not None else inferred, pure, attrs)

    # ---- statements -----------------------------------------------------------------------

    def sequence(self, stmts: List[ast.stmt], owner: ast.AST, in_branch: bool):
        """Parse the statements of a function body (ended by return) or of an if branch
        (ended by the assignment of its result). Returns (blocks, result, result node)."""
        blocks: List["_relax.BindingBlock"] = []
        self.bb.begin_binding_block()
        result, result_node = None, None
        for i, stmt in enumerate(stmts):
            last = i == len(stmts) - 1
            if isinstance(stmt, ast.With):
                self.close_block(blocks)
                blocks.append(self.dataflow(stmt))
                self.bb.begin_binding_block()
            elif isinstance(stmt, ast.Return):
                if in_branch:
                    raise self.error(stmt, "return inside an if branch; assign the branch's "
                                           "result to a variable instead")
                if not last:
                    raise self.error(stmts[i + 1], "statements after return")
                if stmt.value is None:
                    raise self.error(stmt, "a Relax function returns a value")
                result_node = stmt.value
                result = self.normalize(self.eval_expr(stmt.value), stmt.value)
            elif in_branch and last:
                result, result_node = self.branch_result(stmt)
            else:
                self.statement(stmt, dataflow_outputs=None)
        self.close_block(blocks)
        if result is None:
            if in_branch:
                raise self.error(owner, "an if branch ends with the assignment of its result")
            raise self.error(owner, "a Relax function ends with return")
        return blocks, result, result_node

    def close_block(self, blocks: List["_relax.BindingBlock"]) -> None:
        block = self.bb.end_block()
        if len(block.bindings):
            blocks.append(block)

    def statement(self, stmt: ast.stmt, dataflow_outputs: Optional[Dict[int, str]]) -> None:
        in_dataflow = dataflow_outputs is not None
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            target, annotation = _assignment(self, stmt)
            if _is_symbolic_decl(stmt):
                if target not in self.symbols:
                    self.declare_symbol(stmt)
                return
            output = in_dataflow and dataflow_outputs.get(id(stmt)) == target
            self.bind(target, annotation, stmt.value, dataflow=in_dataflow and not output)
        elif isinstance(stmt, ast.If):
            if in_dataflow:
                raise self.error(stmt, "if is not allowed in a dataflow block")
            self.if_else(stmt)
        elif isinstance(stmt, ast.With):
            raise self.error(stmt, "dataflow blocks do not nest")
        elif isinstance(stmt, ast.Expr):
            self.expression_statement(stmt, in_dataflow)
        elif isinstance(stmt, ast.Pass):
            return
        elif isinstance(stmt, ast.Return):
            raise self.error(stmt, "return is not allowed in a dataflow block")
        else:
            raise self.error(stmt, f"unsupported statement in a Relax function: "
                                   f"{type(stmt).__name__}")

    def expression_statement(self, stmt: ast.Expr, in_dataflow: bool) -> None:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return  # a docstring
        value = self.p.eval_expr(stmt.value)
        if isinstance(value, R.ScriptStatement):
            if value.name == "output":
                raise self.error(stmt, "R.output(...) ends a dataflow block "
                                 + ("and must be its last statement" if in_dataflow
                                    else "and is not allowed outside one"))
            if value.name == "func_attr":
                if len(value.args) != 1 or not isinstance(value.args[0], dict):
                    raise self.error(stmt, "R.func_attr takes one dict")
                self.attrs.update(value.args[0])
                return
            raise self.error(stmt, f"R.{value.name}() is used as `with R.{value.name}():`")
        if isinstance(value, R.MatchCastValue):
            raise self.error(stmt, "bind R.match_cast to a variable: y = R.match_cast(x, ...)")
        # A call evaluated for its effect is bound to `_`.
        expr = R.to_expr(value) if isinstance(value, (_relax.Expr, tuple)) else None
        if expr is None:
            raise self.error(stmt, "this expression does nothing here")
        self.emit("_", None, self.normalize(expr, stmt.value), dataflow=in_dataflow)

    def bind(self, name: str, annotation: Optional[ast.AST], value_node: ast.AST,
             dataflow: bool) -> None:
        value = self.p.eval_expr(value_node)
        if isinstance(value, R.MatchCastValue):
            expr = self.normalize(value.value, value_node)
            sinfo = self.annotated(annotation, value.struct_info, f"'{name}'")
            var = (_relax.DataflowVar if dataflow else _relax.Var)(name, sinfo)
            self.bb.emit_normalized(_relax.MatchCast(var, expr, value.struct_info))
            self.p.vars.define(name, var)
            return
        if isinstance(value, R.ScriptStatement):
            raise self.error(value_node, f"R.{value.name}(...) is a statement, not a value")
        try:
            expr = R.to_expr(value)
        except TypeError as err:
            raise self.error(value_node, str(err)) from None
        self.emit(name, annotation, self.normalize(expr, value_node), dataflow)

    def emit(self, name: str, annotation: Optional[ast.AST], value: "_relax.Expr",
             dataflow: bool) -> "_relax.Var":
        sinfo = self.annotated(annotation, value.struct_info_, f"'{name}'")
        var = (_relax.DataflowVar if dataflow else _relax.Var)(name, sinfo)
        self.bb.emit_normalized(_relax.VarBinding(var, value))
        self.p.vars.define(name, var)
        return var

    # ---- dataflow blocks ------------------------------------------------------------------

    def dataflow(self, stmt: ast.With) -> "_relax.DataflowBlock":
        if len(stmt.items) != 1 or stmt.items[0].optional_vars is not None:
            raise self.error(stmt, "expected `with R.dataflow():`")
        context = self.p.eval_expr(stmt.items[0].context_expr)
        if not (isinstance(context, R.ScriptStatement) and context.name == "dataflow"):
            raise self.error(stmt.items[0].context_expr, "expected `with R.dataflow():`")
        body = list(stmt.body)
        outputs: List[Tuple[str, ast.AST]] = []
        if body and _is_output(self, body[-1]):
            for arg in body[-1].value.args:
                if not isinstance(arg, ast.Name):
                    raise self.error(arg, "R.output takes the names of variables of the block")
                outputs.append((arg.id, arg))
            body = body[:-1]
        # The last binding of each output name makes a Var; every other a DataflowVar.
        last_binding: Dict[str, ast.stmt] = {}
        for s in body:
            if isinstance(s, (ast.Assign, ast.AnnAssign)):
                target = s.targets[0] if isinstance(s, ast.Assign) else s.target
                if isinstance(target, ast.Name):
                    last_binding[target.id] = s
        marked: Dict[int, str] = {}
        for name, node in outputs:
            if name not in last_binding:
                raise self.error(node, f"R.output: '{name}' is not bound in this dataflow block")
            marked[id(last_binding[name])] = name
        local: List[str] = []
        self.bb.begin_dataflow_block()
        for s in body:
            self.statement(s, dataflow_outputs=marked)
            if isinstance(s, (ast.Assign, ast.AnnAssign)) and \
                    isinstance(self.p.vars.lookup(_last_name(s)), _relax.DataflowVar):
                local.append(_last_name(s))
        block = self.bb.end_block()
        where = f"line {stmt.lineno + self.p.source.first_line - 1}"
        for name in local:
            if isinstance(self.p.vars.lookup(name), _relax.DataflowVar):
                self.p.vars.define(name, Unusable(
                    f"'{name}' is a DataflowVar of the dataflow block at {where}, not visible "
                    "after it; list it in that block's R.output(...) to use it here"))
        return block

    # ---- if / else ----------------------------------------------------------------------

    def if_else(self, stmt: ast.If) -> None:
        cond = self.normalize(self.eval_expr(stmt.test), stmt.test)
        if not stmt.orelse:
            raise self.error(stmt, "an if in a Relax function needs an else branch")
        with self.p.vars.frame():
            then_blocks, then_value, then_node = self.sequence(stmt.body, stmt, in_branch=True)
        with self.p.vars.frame():
            else_blocks, else_value, else_node = self.sequence(stmt.orelse, stmt,
                                                               in_branch=True)
        then_name, then_ann = _assignment(self, then_node)
        else_name, else_ann = _assignment(self, else_node)
        if then_name != else_name:
            raise self.error(else_node, f"both branches assign the result of the if: the other "
                                        f"branch assigns '{then_name}', this one '{else_name}'")
        branch = _relax.If(cond, _relax.SeqExpr(then_blocks, then_value),
                           _relax.SeqExpr(else_blocks, else_value))
        value = self.normalize(branch, stmt)
        annotation = then_ann if then_ann is not None else else_ann
        self.emit(then_name, annotation, value, dataflow=False)

    def branch_result(self, stmt: ast.stmt):
        """The value of a branch's last statement, `name = value`, normalized."""
        if not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            raise self.error(stmt, "an if branch ends with the assignment of its result")
        _assignment(self, stmt)
        value = self.p.eval_expr(stmt.value)
        if isinstance(value, (R.MatchCastValue, R.ScriptStatement)):
            raise self.error(stmt.value, "an if branch ends with `name = <expression>`")
        try:
            expr = R.to_expr(value)
        except TypeError as err:
            raise self.error(stmt.value, str(err)) from None
        return self.normalize(expr, stmt.value), stmt


# ---- helpers ----------------------------------------------------------------------------------


class _symbol_scope:  # noqa: N801 (a context manager used like a function)
    """Makes string dimensions of R.Tensor/R.Shape name the function's symbolic variables."""

    def __init__(self, lookup):
        self.lookup = lookup

    def __enter__(self):
        R._SYMBOL_SCOPES.append(self.lookup)

    def __exit__(self, *exc):
        R._SYMBOL_SCOPES.pop()


def _show(sinfo: "_relax.StructInfo") -> str:
    """Struct info as script, without the declarations of its symbolic variables."""
    return sinfo.script().splitlines()[-1]


def _assignment(fp: _FunctionParser, stmt: ast.stmt):
    """(target name, annotation node or None) of `name = v` or `name: ann = v`."""
    if isinstance(stmt, ast.AnnAssign):
        if stmt.value is None:
            raise fp.error(stmt, "a declaration needs a value: name: R.Tensor(...) = value")
        target, annotation = stmt.target, stmt.annotation
    else:
        if len(stmt.targets) != 1:
            raise fp.error(stmt, "chained assignment is not supported")
        target, annotation = stmt.targets[0], None
    if not isinstance(target, ast.Name):
        raise fp.error(target, "expected a variable name; bind a tuple to one name and use "
                               "t[0], t[1]")
    return target.id, annotation


def _last_name(stmt: ast.stmt) -> str:
    """The name an assignment binds."""
    return (stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target).id


def _is_symbolic_decl(stmt: ast.stmt) -> bool:
    """Whether stmt is `n = T.int64()` (a symbolic variable, as the printer writes it)."""
    return isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and \
        isinstance(stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call) and \
        not stmt.value.args and not stmt.value.keywords and \
        ast.unparse(stmt.value.func) in {f"T.{t}" for t in _SCALAR_TYPES}


def _is_output(fp: _FunctionParser, stmt: ast.stmt) -> bool:
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return False
    return fp.p.eval_expr(stmt.value.func) is R.output


# ---- handlers -------------------------------------------------------------------------------


_KWARGS = {"pure", "private"}


def _check_kwargs(parser: Parser, node: ast.AST, kwargs: Dict[str, Any]) -> None:
    unknown = set(kwargs) - _KWARGS
    if unknown:
        raise parser.error(node, f"@R.function has no option {sorted(unknown)[0]!r} "
                                 "(options: pure, private)")


def _module_builder(module) -> "_core.BlockBuilder":
    """The BlockBuilder of a module's Relax functions, over the functions declared so far."""
    if module is None:
        return _core.BlockBuilder()
    if "relax.builder" not in module.state:
        module.state["relax.builder"] = _core.BlockBuilder(_ir.IRModule(module.functions))
    return module.state["relax.builder"]


def _parse_function(parser: Parser, node: ast.AST, kwargs: Dict[str, Any],
                    global_var: Optional[_ir.GlobalVar] = None, module=None) -> "_relax.Function":
    if not isinstance(node, ast.FunctionDef):
        raise parser.error(node, "@R.function decorates a function")
    _check_kwargs(parser, node, kwargs)
    builder = _module_builder(module)
    func = _FunctionParser(parser, builder).function(
        node, bool(kwargs.get("pure", True)), bool(kwargs.get("private", False)), global_var)
    if module is not None:
        # Later functions infer calls of this one from its complete signature.
        builder.update_function(global_var, func)
    return func


def _declare_function(parser: Parser, node: ast.AST, kwargs: Dict[str, Any],
                      global_var: Optional[_ir.GlobalVar] = None) -> "_relax.Function":
    """A stand-in with node's signature, so that other functions can call it before it is parsed."""
    if not isinstance(node, ast.FunctionDef):
        raise parser.error(node, "@R.function decorates a function")
    _check_kwargs(parser, node, kwargs)
    fp = _FunctionParser(parser, None)
    with parser.vars.frame(), _symbol_scope(fp.symbol):
        params, ret = fp.signature(node)
    # Without a return annotation callers see an Object until the body is parsed.
    ret = ret if ret is not None else R.Object
    return _relax.Function(params, _relax.Tuple([]), ret, bool(kwargs.get("pure", True)))


def _call(callee: Any, args: list, kwargs: Dict[str, Any]) -> "_relax.Call":
    """``cls.f(x)``, ``R.ExternFunc("f")(x, sinfo_args=...)``, ``f(x)`` for a function variable."""
    sinfo_args = kwargs.pop("sinfo_args", None)
    if kwargs:
        raise TypeError(f"a call of a function takes no keyword {sorted(kwargs)[0]!r}")
    if sinfo_args is None:
        sinfo_args = []
    elif not isinstance(sinfo_args, (list, tuple)):
        sinfo_args = [sinfo_args]
    return _relax.Call(callee, [R.to_expr(a) for a in args], {},
                       [R.to_struct_info(s) for s in sinfo_args])


def _call_op(op: _ir.Op, args: list, kwargs: Dict[str, Any]) -> "_relax.Call":
    """``I.op("relax.name")(x, attr=value)``: a call of any registered operator."""
    sinfo_args = kwargs.pop("sinfo_args", None) or []
    return _relax.Call(op, [R.to_expr(a) for a in args], kwargs,
                       [R.to_struct_info(s) for s in sinfo_args])


def _tuple_item(value: "_relax.Expr", index: Any) -> "_relax.TupleGetItem":
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError(f"a tuple index must be an int, found {type(index).__name__}")
    return _relax.TupleGetItem(value, index)


register_handler(R.function, _parse_function, _declare_function)
for _cls in (_ir.GlobalVar, _relax.ExternFunc, _relax.Var, _relax.DataflowVar):
    register_call(_cls, _call)
register_call(_ir.Op, _call_op)
for _cls in (_relax.Var, _relax.DataflowVar, _relax.Tuple, _relax.TupleGetItem, _relax.Call,
             _relax.Constant):
    register_subscript(_cls, _tuple_item)
