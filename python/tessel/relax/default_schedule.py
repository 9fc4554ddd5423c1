"""DefaultTIRSchedule: a reasonable CPU schedule for every PrimFunc nobody scheduled.

Legalization produces plain loop nests (one block per ``te.compute``). This pass looks at
each block of each PrimFunc without the ``"tir.is_scheduled"`` attribute and applies the
first rule that fits:

* **matmul**: a block ``C[..., i, j] += A[..., i, k] * B[..., k, j]`` (two spatial axes and
  one reduction over a contraction, batch axes allowed, ``B`` contiguous in ``j``) with a
  constant ``j`` extent that a vector tile divides: the register-blocked micro-kernel of
  :func:`tessel.tir.schedule.schedule_matmul_x86` (tile ``i`` and ``j``, reorder to
  ``j_0, i_0, k, i_1, j_1``, unroll and vectorize the tile, accumulate it in a ``"local"``
  copy, split off the zeroing, run the tiles in parallel); with no batch axes and at least
  ``PACK_MIN_ROWS`` rows (a multiple of the tile), also the packing of ``B`` into panels,
  which costs one pass over ``B`` per call; a symbolic ``i`` extent is fine (the tiles get
  predicates);
* **transpose** (a read that walks its last dimension with the second-to-last loop):
  ``TRANSPOSE_TILE`` square tiles of the last two loops, vectorized, in parallel;
* **elementwise / injective** (spatial axes only): split the innermost loop into vectors
  when a vector width divides its constant extent, fuse the loops outside it and run them
  in parallel;
* **reduction** (softmax, layer_norm, sum rows, and contractions the matmul rule does not
  take): fuse the leading spatial loops and run them in parallel.

Parallel loops are used only for blocks of at least ``PARALLEL_MIN_WORK`` iterations (or of
symbolic size), so that tiny kernels do not pay for waking the thread pool. A block whose
loops are not the plain nest ``te`` creates is left as it is. Every PrimFunc the pass
visits gets ``"tir.is_scheduled"``, so it is scheduled once.
"""

from __future__ import annotations

from typing import List, Optional

from .. import tir
from ..error import ScheduleError
from ..ir import IntImm
from ..tir import Schedule
from ..tir.arith import Analyzer
from ..tir.schedule import schedule_matmul_x86
from ..transform import Pass, function_pass, register_pass

#: Blocks with fewer iterations than this run on one thread.
PARALLEL_MIN_WORK = 1 << 16
#: The vector register width in bytes (AVX-512); smaller vectors are split by LLVM.
VECTOR_BYTES = 64
#: Column tiles of the matmul micro-kernel, tried in order: the first that divides N.
MATMUL_TILE_N = (64, 48, 32, 16)
#: Rows of the matmul micro-kernel tile (fewer when a constant M is smaller).
MATMUL_TILE_M = 4
#: Rows of A from which packing B (one pass over B per call) pays off.
PACK_MIN_ROWS = 32


def DefaultTIRSchedule() -> Pass:  # noqa: N802 (pass factories are named like the pass)
    """Schedule every PrimFunc without ``"tir.is_scheduled"`` for this CPU.

    See the module documentation for the rules: a tiled, vectorized, parallel
    micro-kernel for matmul-like blocks, vectorized and parallel loops for elementwise
    and injective blocks, parallel rows for reductions. Each visited PrimFunc gets the
    attribute ``"tir.is_scheduled"``; Relax functions are left alone. Registered as
    ``"relax.DefaultTIRSchedule"``; opt level 0.

    Returns
    -------
    tessel.transform.Pass
        The pass.

    Examples
    --------
    >>> from tessel import te, tir
    >>> from tessel.ir import IRModule
    >>> A = te.placeholder((tir.const(1024, "int64"),), "float32", name="A")
    >>> B = te.compute(A.shape, lambda i: A[i] * 2.0, name="B")
    >>> mod = DefaultTIRSchedule()(IRModule({"double": te.create_prim_func([A, B])}))
    >>> "T.vectorized" in mod.script()
    True
    """
    return function_pass(_schedule_prim_func, opt_level=0, name="relax.DefaultTIRSchedule")


def _schedule_prim_func(func, mod, ctx):
    if not isinstance(func, tir.PrimFunc) or _is_scheduled(func):
        return func
    sch = Schedule(func)
    for name in _leaf_block_names(func):
        sch, _ = schedule_block(sch, name)
    return sch.mod["main"].with_attr("tir.is_scheduled", True)


register_pass("relax.DefaultTIRSchedule", DefaultTIRSchedule)


def schedule_block(sch: Schedule, name: str, func_name: str = "main"):
    """Apply the first default rule that fits one block.

    Each rule checks the block and schedules a copy of ``sch``; when a primitive refuses
    (a symbolic extent, an unusual binding) the next rule is tried on a fresh copy, so a
    half-applied rule never remains.

    Parameters
    ----------
    sch : tessel.tir.Schedule
        The schedule holding the block; it is not modified.
    name : str
        The block's name.
    func_name : str
        The function of ``sch.mod`` that holds it.

    Returns
    -------
    tuple of (tessel.tir.Schedule, str)
        The scheduled copy (``sch`` itself when no rule fits) and the rule applied:
        ``"matmul"``, ``"elementwise"``, ``"reduction"`` or ``"none"``.
    """
    block = sch.get_block(name, func_name=func_name)
    node = sch.get(block)
    kinds = [int(iv.iter_type) for iv in node.iter_vars]
    if len(sch.get_loops(block)) != len(kinds) or not kinds or kinds != sorted(kinds):
        return sch, "none"  # not the spatial-then-reduction nest te creates
    for rule, apply in (("matmul", _schedule_matmul), ("elementwise", _schedule_elementwise),
                        ("reduction", _schedule_reduction)):
        trial = sch.copy()
        try:
            if apply(trial, trial.get_block(name, func_name=func_name)):
                return trial, rule
        except ScheduleError:
            continue
    return sch, "none"


# ------------------------------------------------------------------------- helpers


def _is_scheduled(func) -> bool:
    attrs = func.attrs
    return attrs is not None and bool(attrs.get("tir.is_scheduled", False))


def _leaf_block_names(func) -> List[str]:
    names: List[str] = []

    class Collector(tir.StmtExprVisitor):
        def visit_block_(self, op):
            before = len(names)
            super().visit_block_(op)
            if len(names) == before:  # no block inside: a leaf
                names.append(op.name_hint)

    Collector().visit_stmt(func.body)
    return names


def _const(expr) -> Optional[int]:
    expr = Analyzer().simplify(expr)  # te extents come as ``64 - 0``
    return int(expr.value) if isinstance(expr, IntImm) else None


def _extent(sch: Schedule, loop) -> Optional[int]:
    return _const(sch.get(loop).extent)


def _work(sch: Schedule, loops) -> Optional[int]:
    """The iterations of a loop nest, or None when an extent is symbolic."""
    total = 1
    for loop in loops:
        extent = _extent(sch, loop)
        if extent is None:
            return None
        total *= extent
    return total


def _worth_parallel(sch: Schedule, loops) -> bool:
    work = _work(sch, loops)
    return work is None or work >= PARALLEL_MIN_WORK


def _lanes(node) -> int:
    dtype = node.writes[0].buffer.dtype
    return max(1, VECTOR_BYTES * 8 // _bits(dtype))


def _bits(dtype) -> int:
    digits = "".join(ch for ch in str(dtype) if ch.isdigit())
    return int(digits) if digits else 32


def _parallel(sch: Schedule, loops) -> None:
    if loops:
        sch.parallel(sch.fuse(*loops) if len(loops) > 1 else loops[0])


# --------------------------------------------------------------------------- rules


def _strip_cast(expr):
    return expr.value if isinstance(expr, tir.Cast) else expr


def _matmul_operands(node):
    """``(A, B)`` loads of a block ``C[.., i, j] = C[.., i, j] + A[.., i, k] * B[.., k, j]``."""
    body = node.body
    if node.init is None or not isinstance(body, tir.BufferStore) or not isinstance(body.value, tir.Add):
        return None
    acc, prod = body.value.a, _strip_cast(body.value.b)
    if not isinstance(acc, tir.BufferLoad) or not acc.buffer.same_as(body.buffer):
        return None
    if not isinstance(prod, tir.Mul):
        return None
    a, b = _strip_cast(prod.a), _strip_cast(prod.b)
    if not isinstance(a, tir.BufferLoad) or not isinstance(b, tir.BufferLoad):
        return None
    i, j, k = (iv.var for iv in node.iter_vars[-3:])

    def is_var(expr, var):
        return isinstance(expr, tir.Var) and expr.same_as(var)

    def shaped(lhs, rhs):  # lhs[..., i, k] and rhs[..., k, j]
        return (len(lhs.indices) >= 2 and len(rhs.indices) >= 2
                and is_var(lhs.indices[-2], i) and is_var(lhs.indices[-1], k)
                and is_var(rhs.indices[-2], k) and is_var(rhs.indices[-1], j))

    if shaped(a, b):
        return a, b
    if shaped(b, a):
        return b, a
    return None


def _schedule_matmul(sch: Schedule, block) -> bool:
    node = sch.get(block)
    kinds = [int(iv.iter_type) for iv in node.iter_vars]
    if kinds.count(tir.IterVar.CommReduce) != 1 or len(kinds) < 3 or _matmul_operands(node) is None:
        return False
    loops = sch.get_loops(block)
    parallel = _worth_parallel(sch, loops)
    batch, (i, j, k) = list(loops[:-3]), loops[-3:]
    n = _extent(sch, j)
    tile_n = next((t for t in MATMUL_TILE_N if n is not None and n % t == 0), None)
    if tile_n is None:
        return False
    lanes = min(_lanes(node), tile_n)
    m = _extent(sch, i)
    tile_m = MATMUL_TILE_M if m is None else max(t for t in range(1, MATMUL_TILE_M + 1) if m % t == 0)
    if not batch and m is not None and m >= PACK_MIN_ROWS and tile_m == MATMUL_TILE_M:
        # Enough rows to pay for packing B's panels once per call: the full x86 schedule.
        schedule_matmul_x86(sch, block, tile_m=tile_m, tile_n=tile_n, lanes=lanes,
                            parallel=parallel)
        return True
    # The micro-kernel: a tile_m x tile_n tile of C, updated once per k with tile_m
    # broadcasts of A and tile_n / lanes vectors of B, kept in registers across k.
    i_0, i_1 = sch.split(i, [None, tile_m])
    j_0, j_1 = sch.split(j, [None, tile_n])
    sch.reorder(j_0, i_0, k, i_1, j_1)
    sch.unroll(i_1)
    j_1_0, j_1_1 = sch.split(j_1, [None, lanes])
    sch.unroll(j_1_0)
    sch.vectorize(j_1_1)
    c_local = sch.cache_write(block, 0, "local")
    sch.reverse_compute_at(c_local, i_0)
    sch.decompose_reduction(block, k)
    sch.vectorize(sch.get_loops(c_local)[-1])
    if parallel:
        _parallel(sch, batch + [j_0, i_0])
    return True


def _schedule_elementwise(sch: Schedule, block) -> bool:
    node = sch.get(block)
    if node.init is not None or any(int(iv.iter_type) != tir.IterVar.DataPar for iv in node.iter_vars):
        return False
    loops = list(sch.get_loops(block))
    parallel = _worth_parallel(sch, loops)
    if _is_transpose(node) and _schedule_transpose(sch, loops, parallel):
        return True
    inner = _extent(sch, loops[-1])
    lanes = _lanes(node)
    # The widest vector, down to 4 lanes, whose width divides the innermost extent.
    widths = [lanes >> shift for shift in range(lanes.bit_length()) if lanes >> shift >= 4]
    width = next((w for w in widths if inner is not None and inner % w == 0), None)
    outer = loops
    if width is not None:
        inner_0, inner_1 = sch.split(loops[-1], [None, width])
        sch.vectorize(inner_1)
        outer = loops[:-1] + [inner_0]
    if parallel:
        _parallel(sch, outer)
    return True


TRANSPOSE_TILE = 16


def _is_transpose(node) -> bool:
    """Whether a read walks its last dimension with the block's second-to-last variable and
    not with the last one (``out[i, j] = x[j, i]``): vectorizing the last loop alone would
    read one cache line per element."""
    if len(node.iter_vars) < 2:
        return False
    last, second = node.iter_vars[-1].var, node.iter_vars[-2].var
    for region in node.reads:
        if len(region.region) < 2:
            continue
        if region.region[-1].min.same_as(second) and any(r.min.same_as(last) for r in region.region):
            return True
    return False


def _schedule_transpose(sch: Schedule, loops, parallel: bool) -> bool:
    """Tile the last two loops so each TRANSPOSE_TILE x TRANSPOSE_TILE tile of the input
    and of the output stays in the cache while it is copied."""
    rows, cols = _extent(sch, loops[-2]), _extent(sch, loops[-1])
    if rows is None or cols is None or rows % TRANSPOSE_TILE or cols % TRANSPOSE_TILE:
        return False
    i_0, i_1 = sch.split(loops[-2], [None, TRANSPOSE_TILE])
    j_0, j_1 = sch.split(loops[-1], [None, TRANSPOSE_TILE])
    sch.reorder(i_0, j_0, i_1, j_1)
    sch.vectorize(j_1)
    if parallel:
        _parallel(sch, list(loops[:-2]) + [i_0, j_0])
    return True


def _schedule_reduction(sch: Schedule, block) -> bool:
    node = sch.get(block)
    loops = list(sch.get_loops(block))
    spatial = [loop for loop, iv in zip(loops, node.iter_vars)
               if int(iv.iter_type) == tir.IterVar.DataPar]
    if not spatial:
        return False  # a full reduction to a scalar: nothing to run in parallel
    if _worth_parallel(sch, loops):
        _parallel(sch, spatial)
    return True
