"""A reference interpreter of TensorIR for tests: runs a PrimFunc on numpy arrays.

It understands both scheduled code (blocks with iteration variables, predicates, inits and
allocated buffers) and lowered code (1-D accesses, Ramp/Broadcast vectors, Allocate,
"parallel_launch" regions), so a pass can be checked by running a function before and
after it on the same inputs. Memory is addressed through each buffer's ``data`` variable:
a flattened buffer and its original share storage, exactly as in compiled code. Fresh
allocations are filled with NaN (or a sentinel integer), so reading memory nobody wrote
shows up in the results. Every loop kind runs serially; a "parallel_launch" region runs
its body once per task, last task first, so that chunking mistakes change the results.
"""

import math

import numpy as np

from tessel import tir

_INTRINSICS = {
    "tir.exp": np.exp, "tir.log": np.log, "tir.sqrt": np.sqrt,
    "tir.rsqrt": lambda x: 1 / np.sqrt(x), "tir.tanh": np.tanh,
    "tir.erf": np.vectorize(math.erf), "tir.sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "tir.pow": np.power, "tir.fabs": np.abs, "tir.floor": np.floor, "tir.ceil": np.ceil,
    "tir.round": lambda x: np.sign(x) * np.floor(np.abs(x) + 0.5),
    "tir.fma": lambda a, b, c: a * b + c,
}


def _np_dtype(dtype: str):
    base = str(dtype).split("x")[0]
    return np.bool_ if base == "bool" else np.dtype(base)


class Interpreter:
    """Runs one PrimFunc; ``num_tasks`` is the thread count "parallel_launch" regions get."""

    def __init__(self, func: "tir.PrimFunc", num_tasks: int = 3):
        self.func, self.num_tasks = func, num_tasks
        self.env = {}      # Var -> value (Python/numpy scalar or numpy vector)
        self.memory = {}   # data Var -> flat numpy array

    # ------------------------------------------------------------------ entry

    def run(self, *args):
        """Call the function: numpy arrays for buffer parameters, numbers for scalars."""
        attrs = self.func.attrs.dict if self.func.attrs is not None else {}
        originals = attrs.get("tir.param_buffers", {})
        for param, arg in zip(self.func.params, args):
            buffer = self.func.buffer_map.get(param)
            if buffer is not None:
                self.memory[buffer.data] = arg.reshape(-1)
                # Symbolic sizes come from the shape before flattening.
                buffer = originals.get(param.name_hint, buffer)
                for dim, extent in zip(buffer.shape, arg.shape):
                    if isinstance(dim, tir.Var) and dim not in self.env:
                        self.env[dim] = extent
            else:
                self.env[param] = arg
        self.stmt(self.func.body)

    # ------------------------------------------------------------------ memory

    def offsets(self, buffer, indices):
        idx = [self.expr(i) for i in indices]
        strides = [self.expr(s) for s in buffer.strides]
        if not strides:
            shape = [self.expr(s) for s in buffer.shape]
            strides = [int(np.prod(shape[k + 1:], dtype=np.int64)) for k in range(len(shape))]
        offset = self.expr(buffer.elem_offset) if buffer.elem_offset is not None else 0
        for i, s in zip(idx, strides):
            offset = offset + np.asarray(i, dtype=np.int64) * s
        return offset

    def allocate(self, buffer):
        shape = [int(self.expr(dim)) for dim in buffer.shape]
        if buffer.strides:
            strides = [int(self.expr(s)) for s in buffer.strides]
            size = 1 + sum((d - 1) * s for d, s in zip(shape, strides))
        else:
            size = int(np.prod(shape, dtype=np.int64))
        size += int(self.expr(buffer.elem_offset)) if buffer.elem_offset is not None else 0
        dtype = _np_dtype(buffer.dtype)
        fill = np.nan if np.issubdtype(dtype, np.floating) else 0x5EED
        self.memory[buffer.data] = np.full(size, fill, dtype=dtype)

    # ------------------------------------------------------------------ statements

    def stmt(self, s):
        method = getattr(self, "stmt_" + type(s).__name__)
        method(s)

    def stmt_SeqStmt(self, s):
        for item in s.seq:
            self.stmt(item)

    def stmt_For(self, s):
        start = int(self.expr(s.min))
        for i in range(start, start + int(self.expr(s.extent))):
            self.env[s.loop_var] = i
            self.stmt(s.body)

    def stmt_While(self, s):
        while bool(self.expr(s.condition)):
            self.stmt(s.body)

    def stmt_LetStmt(self, s):
        self.env[s.var] = self.expr(s.value)
        self.stmt(s.body)

    def stmt_IfThenElse(self, s):
        if bool(self.expr(s.condition)):
            self.stmt(s.then_case)
        elif s.else_case is not None:
            self.stmt(s.else_case)

    def stmt_AttrStmt(self, s):
        if s.attr_key != "parallel_launch":
            self.stmt(s.body)
            return
        task_id, num_tasks = s.node
        for task in reversed(range(self.num_tasks)):
            self.env[task_id], self.env[num_tasks] = task, self.num_tasks
            self.stmt(s.body)

    def stmt_Allocate(self, s):
        self.allocate(s.buffer)
        self.stmt(s.body)
        del self.memory[s.buffer.data]

    def stmt_Evaluate(self, s):
        self.expr(s.value)

    def stmt_BufferStore(self, s):
        value = self.expr(s.value)
        self.memory[s.buffer.data][self.offsets(s.buffer, s.indices)] = value

    def stmt_BlockRealize(self, s):
        if not bool(self.expr(s.predicate)):
            return
        block = s.block
        at_min = True
        for iv, value in zip(block.iter_vars, s.iter_values):
            v = self.expr(value)
            self.env[iv.var] = v
            if str(iv.iter_type) in ("2", "CommReduce", "IterVarType.kCommReduce") or \
                    "Reduce" in str(iv.iter_type):
                at_min = at_min and v == self.expr(iv.dom.min)
        for buffer in block.alloc_buffers:
            self.allocate(buffer)
        if block.init is not None and at_min:
            self.stmt(block.init)
        self.stmt(block.body)
        for buffer in block.alloc_buffers:
            del self.memory[buffer.data]

    # ------------------------------------------------------------------ expressions

    def expr(self, e):
        if isinstance(e, (int, float, np.generic, np.ndarray)):
            return e
        return getattr(self, "expr_" + type(e).__name__)(e)

    def expr_Var(self, e):
        return self.env[e]

    expr_SizeVar = expr_Var

    def expr_IntImm(self, e):
        return bool(e.value) if str(e.dtype) == "bool" else int(e.value)

    def expr_FloatImm(self, e):
        return _np_dtype(e.dtype).type(e.value)

    def expr_StringImm(self, e):
        return e.value

    def expr_Cast(self, e):
        value = self.expr(e.value)
        t = _np_dtype(e.dtype)
        if isinstance(value, np.ndarray):
            return value.astype(t)
        return t.type(value) if hasattr(t, "type") else t(value)

    def _binary(self, e, f):
        return f(self.expr(e.a), self.expr(e.b))

    def expr_Add(self, e): return self._binary(e, lambda a, b: a + b)
    def expr_Sub(self, e): return self._binary(e, lambda a, b: a - b)
    def expr_Mul(self, e): return self._binary(e, lambda a, b: a * b)
    def expr_FloorDiv(self, e): return self._binary(e, lambda a, b: a // b)
    def expr_FloorMod(self, e): return self._binary(e, lambda a, b: a % b)
    def expr_Min(self, e): return self._binary(e, np.minimum)
    def expr_Max(self, e): return self._binary(e, np.maximum)
    def expr_EQ(self, e): return self._binary(e, lambda a, b: a == b)
    def expr_NE(self, e): return self._binary(e, lambda a, b: a != b)
    def expr_LT(self, e): return self._binary(e, lambda a, b: a < b)
    def expr_LE(self, e): return self._binary(e, lambda a, b: a <= b)
    def expr_GT(self, e): return self._binary(e, lambda a, b: a > b)
    def expr_GE(self, e): return self._binary(e, lambda a, b: a >= b)
    def expr_And(self, e): return self._binary(e, np.logical_and)
    def expr_Or(self, e): return self._binary(e, np.logical_or)

    def expr_Div(self, e):
        if str(e.dtype).startswith("float"):
            return self._binary(e, lambda a, b: a / b)
        return self._binary(e, lambda a, b: np.trunc(np.divide(a, b)).astype(np.int64))

    def expr_Mod(self, e):
        return self._binary(e, lambda a, b: np.fmod(a, b))

    def expr_Not(self, e):
        return np.logical_not(self.expr(e.a))

    def expr_Select(self, e):
        return np.where(self.expr(e.condition), self.expr(e.true_value), self.expr(e.false_value))

    def expr_BufferLoad(self, e):
        return self.memory[e.buffer.data][self.offsets(e.buffer, e.indices)]

    def expr_Ramp(self, e):
        return self.expr(e.base) + self.expr(e.stride) * np.arange(e.lanes, dtype=np.int64)

    def expr_Broadcast(self, e):
        value = self.expr(e.value)
        return np.full(e.lanes, value, dtype=np.asarray(value).dtype)

    def expr_Let(self, e):
        self.env[e.var] = self.expr(e.value)
        return self.expr(e.body)

    def expr_Call(self, e):
        args = [self.expr(a) for a in e.args]
        return _INTRINSICS[e.op.name](*args)


def run(func: "tir.PrimFunc", *args, num_tasks: int = 3):
    """Run ``func`` on ``args`` (numpy arrays are updated in place)."""
    Interpreter(func, num_tasks).run(*args)
