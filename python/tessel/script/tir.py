"""The ``T`` dialect of the script: TensorIR functions (``@T.prim_func``).

The names here are what a script calls (``T.Buffer``, ``T.grid``, ``T.block``,
``T.axis.remap``, ``T.init``, ``T.reads``/``T.writes``, intrinsics such as ``T.exp``)
and the parser handler that turns a decorated function into a
:class:`tessel.tir.PrimFunc`.
"""

import ast
import builtins
import inspect
from typing import Any, Dict, List, Optional, Sequence

from .. import ir as _ir
from .. import tir as _tir
from .parser import Parser, Source, defined_in_class_body, register_handler, register_operator

# ---- values a script builds -------------------------------------------------------------


class _BufferSpec:
    """``T.Buffer(shape, dtype)``: the declared type of a buffer parameter."""

    def __init__(self, shape, dtype="float32", strides=None, elem_offset=None, scope="global",
                 data=None):
        self.shape = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
        self.dtype, self.strides, self.elem_offset, self.scope = dtype, strides, elem_offset, scope
        self.data = data

    def make(self, name: str) -> "_tir.Buffer":
        return _tir.decl_buffer(self.shape, self.dtype, name, data=self.data,
                                strides=self.strides, elem_offset=self.elem_offset,
                                scope=self.scope)


def Buffer(shape, dtype: str = "float32", strides=None, elem_offset=None,
           scope: str = "global", data=None) -> _BufferSpec:  # noqa: N802 (TVMScript spelling)
    """The type of a buffer parameter: ``A: T.Buffer((128, 128), "float32")``.

    ``data=B.data`` makes a buffer over the memory of buffer ``B`` (a flattened parameter
    and its original in the ``"tir.param_buffers"`` attribute share it).
    """
    return _BufferSpec(shape, dtype, strides, elem_offset, scope, data)


class _Loops:
    """What a ``for`` iterates over: one or more loops of one kind."""

    def __init__(self, kind: str, ranges: List[tuple], annotations: Optional[dict] = None):
        self.kind, self.ranges, self.annotations = kind, ranges, annotations


def _extent(start, stop):
    """stop - start, reading the printed ``min + extent`` back as exactly ``extent``."""
    if isinstance(start, int) and start == 0:
        return stop
    if isinstance(stop, _tir.Add) and _ir.structural_equal(stop.a, _ir_value(start)):
        return stop.b
    return stop - start


def _range(min, extent) -> "_ir.Range":  # noqa: A002
    """Range(min, extent) with an int operand taking the other's dtype (int64 blocks too)."""
    if isinstance(min, int) and isinstance(extent, _ir.PrimExpr):
        min = _tir.const(min, extent.dtype)
    elif isinstance(extent, int) and isinstance(min, _ir.PrimExpr):
        extent = _tir.const(extent, min.dtype)
    return _ir.Range(min, extent)


def _ir_value(value):
    return value if isinstance(value, _ir.Object) else _ir.IntImm("int32", value)


def _loop(kind: str):
    def make(start, stop=None, annotations=None) -> _Loops:
        if stop is None:
            start, stop = 0, start
        return _Loops(kind, [(start, _extent(start, stop))], annotations)

    make.__name__ = kind
    make.__doc__ = f"A {kind} loop over [start, stop): ``for i in T.{kind}(n):``."
    return make


serial = _loop("serial")
parallel = _loop("parallel")
vectorized = _loop("vectorized")
unroll = _loop("unroll")
_FOR_KINDS = {"serial": _tir.ForKind.SERIAL, "parallel": _tir.ForKind.PARALLEL,
              "vectorized": _tir.ForKind.VECTORIZED, "unroll": _tir.ForKind.UNROLLED}


def grid(*extents) -> _Loops:
    """Nested serial loops: ``for i, j in T.grid(128, 64):``."""
    return _Loops("serial", [(0, e) for e in extents])


class _SymbolicVar:
    """``n = T.int32()``: declares a symbolic scalar named by the assignment."""

    def __init__(self, dtype: str, size_var: bool):
        self.dtype, self.size_var = dtype, size_var


def _scalar(dtype: str):
    def make(value=None, is_size_var: bool = False):
        if value is None:
            return _SymbolicVar(dtype, is_size_var)
        if isinstance(value, _ir.PrimExpr):
            return _tir.Cast(dtype, value)
        if dtype.startswith(("float", "bfloat")):
            return _ir.FloatImm(dtype, float(value))
        return _ir.IntImm(dtype, int(value))

    make.__name__ = dtype
    make.__doc__ = (f"``T.{dtype}(v)``: a {dtype} constant (or cast); "
                    f"``n = T.{dtype}()`` declares a symbolic {dtype} variable.")
    return make

_SCALAR_TYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                 "uint64", "float16", "bfloat16", "float32", "float64")
for _dtype in _SCALAR_TYPES:
    globals()[_dtype] = _scalar(_dtype)


class _Axis:
    """``T.axis``: block iteration variables bound to loop values."""

    @staticmethod
    def spatial(dom, value) -> tuple:
        """A spatial block variable over ``dom`` bound to ``value``."""
        return ("S", dom, value)

    @staticmethod
    def reduce(dom, value) -> tuple:
        """A reduction block variable over ``dom`` bound to ``value``."""
        return ("R", dom, value)

    @staticmethod
    def remap(kinds: str, values: Sequence) -> list:
        """Several block variables at once: ``T.axis.remap("SSR", [i, j, k])``."""
        if len(kinds) != len(values) or set(kinds) - {"S", "R"}:
            raise ValueError(f"T.axis.remap: kinds {kinds!r} must be one S or R per value "
                             f"({len(values)} values)")
        return [(k, None, v) for k, v in zip(kinds, values)]


axis = _Axis()


def _marker(name: str, doc: str):
    def mark(*args, **kwargs):
        return (name, args, kwargs)

    mark.__name__, mark.__doc__ = name, doc
    return mark


block = _marker("block", "``with T.block(name):`` a block of computation.")
init = _marker("init", "``with T.init():`` the initialisation of a reduction block.")
reads = _marker("reads", "``T.reads(A[i, k], ...)``: the regions a block reads "
                         "(inferred from its body when omitted).")
writes = _marker("writes", "``T.writes(C[i, j])``: the regions a block writes "
                           "(inferred from its body when omitted).")
where = _marker("where", "``T.where(cond)``: the predicate of a block.")
func_attr = _marker("func_attr", "``T.func_attr({...})``: the attributes of the function.")
block_attr = _marker("block_attr", "``T.block_attr({...})``: the annotations of a block.")
LetStmt = _marker("LetStmt", "``with T.LetStmt(value) as x:`` binds x in the body.")


def alloc_buffer(shape, dtype: str = "float32", scope: str = "global") -> tuple:
    """``X = T.alloc_buffer(shape, dtype)``: a buffer local to the enclosing block."""
    return ("alloc_buffer", _BufferSpec(shape, dtype, scope=scope), {})


attr = _marker("attr", "``with T.attr(node, key, value):`` an attribute over the body "
                       "(such as ``\"parallel_launch\"``).")


def decl_buffer(shape, dtype: str = "float32", strides=None, elem_offset=None,
                scope: str = "global") -> tuple:
    """``A = T.decl_buffer(shape, dtype)`` (or ``with ... as A:``): an allocated buffer."""
    return ("decl_buffer", _BufferSpec(shape, dtype, strides, elem_offset, scope), {})


def evaluate(value) -> "_tir.Evaluate":
    """An expression evaluated for its effect."""
    return _tir.Evaluate(value)


Cast = _tir.Cast
Select = _tir.Select
Div = _tir.Div
Ramp = _tir.Ramp
Broadcast = _tir.Broadcast
call_intrin = _tir.call_intrin


def Let(body, where):  # noqa: N802 (TVMScript spelling)
    """``T.Let(body, where={x: value})``: ``body`` with ``x`` bound to ``value``."""
    (var, value), = where.items()
    return _tir.Let(var, value, body)


def handle():
    """The type of an opaque pointer parameter: ``var_A: T.handle``."""


def match_buffer(param, shape, dtype: str = "float32", strides=None, elem_offset=None,
                 scope: str = "global") -> tuple:
    """``A = T.match_buffer(var_A, shape, dtype)``: the buffer a handle parameter points to."""
    return ("match_buffer", (param, _BufferSpec(shape, dtype, strides, elem_offset, scope)), {})
min = _tir.min  # noqa: A001 (TVMScript spelling)
max = _tir.max  # noqa: A001
floordiv = _tir.floordiv
floormod = _tir.floormod
truncdiv = _tir.truncdiv
truncmod = _tir.truncmod
for _name in ("exp", "log", "sqrt", "rsqrt", "tanh", "erf", "sigmoid", "pow", "fabs", "abs",
              "floor", "ceil", "round", "fma", "sin", "cos"):
    if hasattr(_tir, _name):
        globals()[_name] = getattr(_tir, _name)


def prim_func(func=None, *, private: bool = False):
    """Parse the decorated Python function into a :class:`tessel.tir.PrimFunc`.

    Inside an ``@I.ir_module`` class the function is parsed with its class.
    """
    def wrap(f):
        if defined_in_class_body(f):
            return f
        from . import default_names

        # `@T.prim_func` calls wrap from prim_func; `@T.prim_func()` calls it from the caller.
        frame = inspect.currentframe().f_back
        caller = frame.f_back if func is not None else frame
        names = {**default_names(), **caller.f_globals, **caller.f_locals}
        return Parser(Source.of(f), names).parse()

    return wrap(func) if func is not None else wrap


# ---- the parser handler --------------------------------------------------------------------


class _FunctionParser:
    """Turns the body of one ``@T.prim_func`` into TensorIR statements."""

    def __init__(self, parser: Parser):
        self.p = parser
        self.attrs: Dict[str, Any] = {}

    def error(self, node, message):
        return self.p.error(node, message)

    def is_marker(self, value, name):
        return isinstance(value, tuple) and len(value) == 3 and value[0] == name

    # Statements ----------------------------------------------------------------------

    def body(self, stmts: List[ast.stmt]) -> "_tir.Stmt":
        out = []
        for i, stmt in enumerate(stmts):
            if isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                # `x: T.int32 = value` binds x for the rest of the block.
                var = self.new_var(stmt.target, self.p.eval_expr(stmt.annotation))
                value = self.p.eval_expr(stmt.value)
                with self.p.vars.frame():
                    self.p.vars.define(stmt.target.id, var)
                    out.append(_tir.LetStmt(var, value, self.body(stmts[i + 1:])))
                break
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and \
                    isinstance(stmt.targets[0], ast.Name) and \
                    ast.unparse(stmt.value).startswith("T.decl_buffer("):
                # `A = T.decl_buffer(...)` allocates A for the rest of the block.
                spec = self.p.eval_expr(stmt.value)[1]
                with self.p.vars.frame():
                    buffer = spec.make(stmt.targets[0].id)
                    self.p.vars.define(stmt.targets[0].id, buffer)
                    out.append(_tir.Allocate(buffer, self.body(stmts[i + 1:])))
                break
            result = self.stmt(stmt)
            if result is not None:
                out.append(result)
        if not out:
            return _tir.Evaluate(0)
        return out[0] if len(out) == 1 else _tir.SeqStmt(out)

    def stmt(self, node: ast.stmt):
        if isinstance(node, ast.For):
            return self.for_loop(node)
        if isinstance(node, ast.With):
            return self.with_block(node)
        if isinstance(node, ast.If):
            cond = self.p.eval_expr(node.test)
            with self.p.vars.frame():
                then = self.body(node.body)
            other = None
            if node.orelse:
                with self.p.vars.frame():
                    other = self.body(node.orelse)
            return _tir.IfThenElse(cond, then, other)
        if isinstance(node, ast.Assign):
            return self.assign(node)
        if isinstance(node, ast.Expr):
            value = self.p.eval_expr(node.value)
            if self.is_marker(value, "func_attr"):
                self.attrs.update(value[1][0])
                return None
            if isinstance(value, _tir.Stmt):
                return value
            if isinstance(value, _ir.PrimExpr):
                return _tir.Evaluate(value)
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return None  # a docstring
            raise self.error(node, "this expression does nothing here")
        if isinstance(node, ast.Pass):
            return None
        raise self.error(node, f"unsupported statement in a prim_func: {type(node).__name__}")

    def assign(self, node: ast.Assign):
        if len(node.targets) != 1:
            raise self.error(node, "chained assignment is not supported")
        target = node.targets[0]
        if isinstance(target, ast.Subscript):
            buffer = self.p.eval_expr(target.value)
            if not isinstance(buffer, _tir.Buffer):
                raise self.error(target.value, "only buffer elements can be assigned")
            indices = self.p.eval_expr(target.slice)
            indices = list(indices) if isinstance(indices, tuple) else [indices]
            value = self.convert(self.p.eval_expr(node.value), buffer.dtype, node.value)
            return _tir.BufferStore(buffer, value, indices)
        value = self.p.eval_expr(node.value)
        if isinstance(target, ast.Name) and isinstance(value, _SymbolicVar):
            if target.id not in self.declared:
                self.p.vars.define(target.id, self.symbolic(target.id, value))
            return None
        if isinstance(target, ast.Name) and self.is_marker(value, "match_buffer"):
            param, spec = value[1]
            if not any(param.same_as(p) for p in self.params):
                raise self.error(node.value, "T.match_buffer takes a T.handle parameter")
            buffer = spec.make(target.id)
            self.buffer_map[param] = buffer
            self.p.vars.define(target.id, buffer)
            return None
        if isinstance(target, ast.Name) and isinstance(value, _BufferSpec):
            self.p.vars.define(target.id, value.make(target.id))
            return None
        if isinstance(target, ast.Name) and self.is_marker(value, "alloc_buffer"):
            raise self.error(node, "T.alloc_buffer is only allowed at the top of a block")
        raise self.error(node, "only `A[i] = value`, `x: dtype = value` and "
                               "`n = T.int32()` assign in a prim_func")

    def convert(self, value, dtype, node):
        if isinstance(value, (builtins.bool, int, float)):
            return _scalar(dtype)(value)
        if not isinstance(value, _ir.PrimExpr):
            raise self.error(node, f"expected a PrimExpr, found {type(value).__name__}")
        return value

    def symbolic(self, name, spec: _SymbolicVar):
        return (_tir.SizeVar if spec.size_var else _tir.Var)(name, spec.dtype)

    def new_var(self, target, dtype_maker):
        if not isinstance(target, ast.Name):
            raise self.error(target, "expected a variable name")
        dtype = dtype_maker.__name__ if callable(dtype_maker) else str(dtype_maker)
        return _tir.Var(target.id, dtype)

    def for_loop(self, node: ast.For):
        if isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) \
                and node.iter.func.id == "range" and "range" not in self.p.vars:
            args = [self.p.eval_expr(a) for a in node.iter.args]
            loops = serial(*args)
        else:
            loops = self.p.eval_expr(node.iter)
        if not isinstance(loops, _Loops):
            raise self.error(node.iter, "a loop iterates over range(...), T.grid(...), "
                                        "T.serial/parallel/vectorized/unroll(...)")
        names = node.target.elts if isinstance(node.target, ast.Tuple) else [node.target]
        if len(names) != len(loops.ranges):
            raise self.error(node.target, f"{len(loops.ranges)} loop variable(s) expected, "
                                          f"found {len(names)}")
        loop_vars = []
        with self.p.vars.frame():
            for name, (start, extent) in zip(names, loops.ranges):
                if not isinstance(name, ast.Name):
                    raise self.error(name, "expected a loop variable name")
                dtype = extent.dtype if isinstance(extent, _ir.PrimExpr) else "int32"
                var = _tir.Var(name.id, dtype)
                self.p.vars.define(name.id, var)
                loop_vars.append(var)
                self.loop_stack.append((var, extent))
            try:
                body = self.body(node.body)
            finally:
                del self.loop_stack[-len(loop_vars):]
        for var, (start, extent) in reversed(list(zip(loop_vars, loops.ranges))):
            body = _tir.For(var, start, extent, _FOR_KINDS[loops.kind], body,
                            annotations=loops.annotations)
        return body

    def with_block(self, node: ast.With):
        if len(node.items) != 1:
            raise self.error(node, "one context per `with` in a prim_func")
        value = self.p.eval_expr(node.items[0].context_expr)
        if self.is_marker(value, "LetStmt"):
            target = node.items[0].optional_vars
            if not isinstance(target, ast.Name):
                raise self.error(node, "expected `with T.LetStmt(value) as x:`")
            bound = value[1][0]
            var = _tir.Var(target.id, bound.dtype if isinstance(bound, _ir.PrimExpr) else "int32")
            with self.p.vars.frame():
                self.p.vars.define(target.id, var)
                return _tir.LetStmt(var, bound, self.body(node.body))
        if self.is_marker(value, "attr"):
            node_, key, attr_value = value[1]
            with self.p.vars.frame():
                return _tir.AttrStmt(node_, key, attr_value, self.body(node.body))
        if self.is_marker(value, "decl_buffer"):
            target = node.items[0].optional_vars
            if not isinstance(target, ast.Name):
                raise self.error(node, "expected `with T.decl_buffer(...) as A:`")
            with self.p.vars.frame():
                buffer = value[1].make(target.id)
                self.p.vars.define(target.id, buffer)
                return _tir.Allocate(buffer, self.body(node.body))
        if not self.is_marker(value, "block"):
            raise self.error(node.items[0].context_expr, "expected `with T.block(name):`")
        name = value[1][0] if value[1] else ""
        with self.p.vars.frame():
            return self.block(name, node.body)

    def block(self, name: str, stmts: List[ast.stmt]):
        iter_vars, iter_values = [], []
        reads_, writes_, alloc, init_stmt, predicate, annotations = None, None, [], None, True, {}
        rest = []
        for stmt in stmts:
            head = self.block_header(stmt)
            if head is None:
                rest.append(stmt)
                continue
            kind, payload = head
            if kind == "axis":
                for var, value in payload:
                    iter_vars.append(var)
                    iter_values.append(value)
            elif kind == "reads":
                reads_ = payload
            elif kind == "writes":
                writes_ = payload
            elif kind == "alloc":
                alloc.append(payload)
            elif kind == "init":
                init_stmt = payload
            elif kind == "where":
                predicate = payload
            elif kind == "attr":
                annotations.update(payload)
        # The root block (outermost, with no loop or iteration variable) declares nothing.
        is_root = not self.loop_stack and not self.in_block and not iter_vars
        in_block, self.in_block = self.in_block, True
        body = self.body(rest)
        self.in_block = in_block
        if (reads_ is None or writes_ is None) and not is_root:
            # As in TVMScript, a block without T.reads/T.writes gets the regions it accesses.
            blk = _tir.Block(iter_vars, [], [], name, body, init=init_stmt, alloc_buffers=alloc)
            found_reads, found_writes = _tir.analysis.get_block_read_write_region(blk)
            reads_ = found_reads if reads_ is None else reads_
            writes_ = found_writes if writes_ is None else writes_
        blk = _tir.Block(iter_vars, reads_ or [], writes_ or [], name, body, init=init_stmt,
                         alloc_buffers=alloc, annotations=annotations or None)
        return _tir.BlockRealize(iter_values, predicate, blk)

    def block_header(self, stmt: ast.stmt):
        """The part of a block header a statement declares, or None for a body statement."""
        if isinstance(stmt, ast.With):
            value = self.p.eval_expr(stmt.items[0].context_expr)
            if self.is_marker(value, "init"):
                with self.p.vars.frame():
                    return "init", self.body(stmt.body)
            return None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            value = self.p.eval_expr(stmt.value) if self.is_axis_or_alloc(stmt.value) else None
            if value is None:
                return None
            target = stmt.targets[0]
            if self.is_marker(value, "alloc_buffer"):
                buffer = value[1].make(target.id)
                self.p.vars.define(target.id, buffer)
                return "alloc", buffer
            names = target.elts if isinstance(target, ast.Tuple) else [target]
            axes = value if isinstance(value, list) else [value]
            if len(names) != len(axes):
                raise self.error(target, f"{len(axes)} block variable(s) expected, "
                                         f"found {len(names)}")
            pairs = []
            for name, (kind, dom, bound) in zip(names, axes):
                dom = self.domain(dom, bound)
                var = _tir.Var(name.id, dom.extent.dtype)
                self.p.vars.define(name.id, var)
                pairs.append((_tir.IterVar(dom, var, kind), bound))
            return "axis", pairs
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = self.p.eval_expr(stmt.value.func)
            if func in (reads, writes):
                regions = [self.region(arg) for arg in stmt.value.args]
                return func.__name__, regions
            if func is where:
                return "where", self.p.eval_expr(stmt.value.args[0])
            if func is block_attr:
                return "attr", self.p.eval_expr(stmt.value.args[0])
        return None

    def is_axis_or_alloc(self, expr: ast.expr) -> bool:
        text = ast.unparse(expr)
        return text.startswith(("T.axis.", "T.alloc_buffer("))

    def domain(self, dom, bound) -> "_ir.Range":
        if dom is None:
            # T.axis.remap: the domain is the extent of the loop the value iterates.
            loop = self.loop_extent(bound)
            return _range(0, loop)
        if isinstance(dom, tuple):
            return _range(dom[0], _extent(dom[0], dom[1]))
        if isinstance(dom, _ir.Range):
            return dom
        return _range(0, dom)

    def loop_extent(self, value):
        for loop in self.loop_stack:
            if loop[0].same_as(value):
                return loop[1]
        raise ValueError("T.axis.remap binds block variables to loop variables only")

    def region(self, node: ast.expr) -> "_tir.BufferRegion":
        if not isinstance(node, ast.Subscript):
            buffer = self.p.eval_expr(node)
            if isinstance(buffer, _tir.Buffer):
                return _tir.BufferRegion(buffer, [_range(0, s) for s in buffer.shape])
            raise self.error(node, "expected a buffer region such as A[i, 0:4]")
        buffer = self.p.eval_expr(node.value)
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        ranges = []
        for part in parts:
            if isinstance(part, ast.Slice):
                lo = self.p.eval_expr(part.lower) if part.lower else 0
                hi = self.p.eval_expr(part.upper)
                ranges.append(_range(lo, _extent(lo, hi)))
            else:
                ranges.append(_range(self.p.eval_expr(part), 1))
        return _tir.BufferRegion(buffer, ranges)

    # The function ---------------------------------------------------------------------

    def function(self, node: ast.FunctionDef) -> "_tir.PrimFunc":
        self.loop_stack = []
        self.in_block = False
        self.params = params = []
        self.buffer_map = buffer_map = {}
        self.declared = set()
        with self.p.vars.frame():
            # Symbolic sizes declared at the top (`n = T.int32()`) may appear in parameter types.
            for stmt in node.body:
                if self.is_symbolic_decl(stmt):
                    name = stmt.targets[0].id
                    self.p.vars.define(name, self.symbolic(name, self.p.eval_expr(stmt.value)))
                    self.declared.add(name)
            # Scalar parameters may size the buffers of earlier parameters
            # (`A: T.Buffer((n,), "float32"), n: T.int32`), so they are defined first.
            scalars = {}
            for arg in node.args.args:
                annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                if annotation in {f"T.{t}" for t in _SCALAR_TYPES}:
                    scalars[arg.arg] = _tir.Var(arg.arg, annotation[2:])
                    self.p.vars.define(arg.arg, scalars[arg.arg])
            for arg in node.args.args:
                if arg.annotation is None:
                    raise self.error(arg, f"parameter '{arg.arg}' needs a type such as "
                                          "T.Buffer((n,), \"float32\") or T.int32")
                spec = self.p.eval_expr(arg.annotation)
                if isinstance(spec, _BufferSpec):
                    data_var = _tir.Var(arg.arg, "handle")
                    buffer = spec.make(arg.arg)
                    buffer_map[data_var] = buffer
                    params.append(data_var)
                    self.p.vars.define(arg.arg, buffer)
                elif spec is handle:
                    var = _tir.Var(arg.arg, "handle")
                    params.append(var)
                    self.p.vars.define(arg.arg, var)
                elif callable(spec) and spec.__name__ in _SCALAR_TYPES:
                    var = scalars[arg.arg] if arg.arg in scalars else _tir.Var(arg.arg, spec.__name__)
                    params.append(var)
                    self.p.vars.define(arg.arg, var)
                else:
                    raise self.error(arg.annotation, "expected T.Buffer(...) or a scalar type")
            body = self.body(node.body)
            ret_type = self.p.eval_expr(node.returns).__name__ if node.returns else None
        # buffer_map follows the parameters' order, whether a buffer came from the
        # signature or from a T.match_buffer line.
        buffer_map = {p: buffer_map[p] for p in params if p in buffer_map}
        return _tir.PrimFunc(params, body, ret_type=ret_type, buffer_map=buffer_map,
                             attrs=self.attrs or None)

    def is_symbolic_decl(self, stmt):
        return isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and \
            isinstance(stmt.value, ast.Call) and not stmt.value.args and \
            ast.unparse(stmt.value.func) in {f"T.{t}" for t in _SCALAR_TYPES}




def _parse_prim_func(parser: Parser, node: ast.AST, kwargs: Dict[str, Any],
                     global_var=None) -> "_tir.PrimFunc":
    if not isinstance(node, ast.FunctionDef):
        raise parser.error(node, "@T.prim_func decorates a function")
    return _FunctionParser(parser).function(node)


register_handler(prim_func, _parse_prim_func)
# Python's `==`, `and`, `or` and `not` cannot build IR by themselves; in a script they do.
register_operator(ast.Eq, _tir.EQ)
register_operator(ast.NotEq, _tir.NE)
register_operator(ast.And, _tir.And)
register_operator(ast.Or, _tir.Or)
register_operator(ast.Not, _tir.Not)
