"""Shared pieces of the lowering pass tests: running passes, comparing results, and the
check that a function is in the lowered form code generation reads."""

import os
import sys

import numpy as np

from tessel import ir, tir

sys.path.insert(0, os.path.dirname(__file__))
from tir_interpreter import run  # noqa: E402


def apply(pass_, func):
    """The PrimFunc ``pass_`` makes of ``func`` (run through a one-function module)."""
    mod = pass_(ir.IRModule({"main": func}))
    return mod["main"]


def without_attrs(func):
    """``func`` without its attributes, to compare it with a scripted function."""
    return tir.PrimFunc(func.params, func.body, buffer_map=func.buffer_map)


def original_buffer(func, param):
    """The buffer of a parameter before flattening (None for a scalar parameter)."""
    originals = func.attrs.dict.get("tir.param_buffers", {}) if func.attrs is not None else {}
    return originals.get(param.name_hint, func.buffer_map.get(param))


def random_args(func, rng, sizes=None):
    """Random float32 arrays (and ``sizes`` for symbolic dims) for the parameters."""
    sizes = sizes or {}
    args = []
    for param in func.params:
        buffer = original_buffer(func, param)
        if buffer is None:
            args.append(sizes[param.name_hint])
            continue
        shape = [sizes[d.name_hint] if isinstance(d, tir.Var) else int(d.value) for d in buffer.shape]
        args.append(rng.standard_normal(shape).astype(buffer.dtype))
    return args


def assert_same_results(before, after, sizes=None, task_counts=(1, 3, 5)):
    """Run both functions on the same random inputs; the outputs must agree."""
    rng = np.random.default_rng(0)
    inputs = random_args(before, rng, sizes)
    expected = [a.copy() if isinstance(a, np.ndarray) else a for a in inputs]
    run(before, *expected)
    for num_tasks in task_counts:
        got = [a.copy() if isinstance(a, np.ndarray) else a for a in inputs]
        run(after, *got, num_tasks=num_tasks)
        for e, g in zip(expected, got):
            if isinstance(e, np.ndarray):
                np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-5)


_ALLOWED = (tir.SeqStmt, tir.For, tir.AttrStmt, tir.BufferStore, tir.Allocate, tir.LetStmt,
            tir.IfThenElse, tir.Evaluate, tir.While)


def assert_lowered(func):
    """Check the lowered-form contract: serial loops, un-nested parallel_launch regions,
    1-D buffers only, no blocks."""

    def expr(e):
        if isinstance(e, tir.BufferLoad):
            assert len(e.indices) == 1, f"{e.buffer.name} is accessed with {len(e.indices)} indices"
        for field in ("a", "b", "value", "condition", "true_value", "false_value", "base",
                      "stride", "body"):
            child = getattr(e, field, None)
            if isinstance(child, ir.PrimExpr):
                expr(child)
        for child in list(getattr(e, "indices", ())) + list(getattr(e, "args", ())):
            expr(child)

    def stmt(s, in_region):
        assert isinstance(s, _ALLOWED), f"{type(s).__name__} is not allowed after lowering"
        if isinstance(s, tir.SeqStmt):
            for item in s.seq:
                stmt(item, in_region)
            return
        if isinstance(s, tir.For):
            assert s.kind == tir.ForKind.SERIAL, f"loop {s.loop_var.name_hint} is {s.kind}"
        if isinstance(s, tir.AttrStmt) and s.attr_key == "parallel_launch":
            assert not in_region, "parallel_launch regions nest"
            in_region = True
        if isinstance(s, (tir.BufferStore, tir.Allocate)):
            assert len(s.buffer.shape) == 1, f"buffer {s.buffer.name} is not 1-D"
        if isinstance(s, tir.BufferStore):
            assert len(s.indices) == 1
            expr(s.value)
            for index in s.indices:
                expr(index)
        for field in ("value", "condition", "min", "extent"):
            child = getattr(s, field, None)
            if isinstance(child, ir.PrimExpr):
                expr(child)
        for field in ("body", "then_case", "else_case"):
            child = getattr(s, field, None)
            if child is not None:
                stmt(child, in_region)

    for buffer in func.buffer_map.values():
        assert len(buffer.shape) == 1
    stmt(func.body, False)
