"""The TensorIR lowering passes: from scheduled PrimFuncs to the form code generation reads.

The lowering pipeline runs, in order: :func:`ConvertBlocksToLoops`, ``Simplify``,
:func:`FlattenBuffer`, :func:`VectorizeLoop`, :func:`UnrollLoop`,
:func:`LowerParallelLoops`, :func:`StorageRewrite`, ``Simplify``. Each pass works on every
:class:`~tessel.tir.PrimFunc` of a module, leaves other functions alone, and is registered
as ``"tir.<Name>"`` (opt level 0).

Example
-------
>>> from tessel import tir, transform
>>> lower = transform.Sequential([tir.transform.ConvertBlocksToLoops(),
...                               tir.transform.FlattenBuffer()])
"""

from .._core.tir import transform as _tt
from ..transform.pass_infra import Pass


def ConvertBlocksToLoops() -> Pass:  # noqa: N802 (pass factories are named like the pass)
    """Replace every block by the loop code it stands for.

    Iteration variables are substituted by their bound values; a predicate that is not
    constant true becomes an ``if``; a reduction's init runs first, under
    ``if vk == min and ...`` over the reduction variables; each ``alloc_buffer`` becomes
    an ``Allocate`` around the block body. Reads, writes and annotations are dropped.

    Returns
    -------
    Pass
        The pass ``"tir.ConvertBlocksToLoops"``.
    """
    return _tt.ConvertBlocksToLoops()


def FlattenBuffer() -> Pass:  # noqa: N802
    """Rewrite every multi-dimensional buffer access into a 1-D one.

    Each buffer gets one flattened twin over the same ``data`` variable, of shape
    ``[prod(shape)]``; an access indexes it at the row-major offset (or the sum over
    explicit strides, plus ``elem_offset``). A ``Ramp`` in the last dimension stays a
    ``Ramp``. Parameter buffers become 1-D in the ``buffer_map``; the originals are kept in
    the function attribute ``"tir.param_buffers"`` (parameter name -> buffer), written only
    when absent. A parameter with non-compact strides raises
    :class:`~tessel.error.InvalidArgumentError`.

    Returns
    -------
    Pass
        The pass ``"tir.FlattenBuffer"``.
    """
    return _tt.FlattenBuffer()


def VectorizeLoop() -> Pass:  # noqa: N802
    """Turn each vectorized loop of constant extent into vector code.

    The loop variable becomes ``T.Ramp(min, 1, extent)`` and every expression depending on
    it is rewritten lane-wise (scalars are broadcast; loads, stores, ``Select``, ``Cast``,
    intrinsic calls and lets take vectors). A loop whose body has no lane-wise form becomes
    serial instead: one holding a loop, an allocation, a while loop or an attribute, a
    condition that differs between lanes, a store of every lane to one address, or a store
    or evaluation that does not depend on the loop variable. A vectorized loop of
    non-constant extent (or extent 1) becomes serial. The loop must be data parallel, as
    the schedule's ``vectorize`` guarantees.

    Returns
    -------
    Pass
        The pass ``"tir.VectorizeLoop"``.
    """
    return _tt.VectorizeLoop()


def UnrollLoop() -> Pass:  # noqa: N802
    """Replicate the body of each unrolled loop of constant extent.

    Copy ``k`` has the loop variable replaced by ``min + k``; the variables and buffers the
    body defines are fresh in every copy. An unrolled loop of non-constant extent becomes
    serial.

    Returns
    -------
    Pass
        The pass ``"tir.UnrollLoop"``.
    """
    return _tt.UnrollLoop()


def LowerParallelLoops() -> Pass:  # noqa: N802
    """Turn each outermost parallel loop into a ``"parallel_launch"`` region.

    ``for i in T.parallel(min, min + n)`` becomes
    ``AttrStmt([task_id, num_tasks], "parallel_launch", 0, body)`` whose body binds
    ``chunk = (n + num_tasks - 1) // num_tasks`` and ``begin = min(task_id * chunk, n)`` and
    runs ``i`` serially from ``min + begin`` for ``min(begin + chunk, n) - begin``
    iterations. Parallel loops inside become serial.

    Returns
    -------
    Pass
        The pass ``"tir.LowerParallelLoops"``.
    """
    return _tt.LowerParallelLoops()


def StorageRewrite() -> Pass:  # noqa: N802
    """Plan the allocations of each function.

    Constant-size allocations move to the top of their scope (the function body, or the
    body of a ``"parallel_launch"`` region: never out of it). Within a scope, 1-D
    allocations of one dtype and memory scope whose lifetimes (ranges of top-level
    statements mentioning them) do not overlap share one allocation, of the larger size.
    Allocations of symbolic size stay in place.

    Returns
    -------
    Pass
        The pass ``"tir.StorageRewrite"``.
    """
    return _tt.StorageRewrite()


def Simplify() -> Pass:  # noqa: N802
    """Simplify every expression of each PrimFunc with the arithmetic analyzer.

    Loop variables are known to lie in their ranges and block iteration variables in
    their domains; the branches of an ``if`` know its condition (or its negation). An
    ``if`` whose condition is provably true or false is replaced by the branch taken, a
    loop of extent 0 disappears and a loop of extent 1 is replaced by its body with the
    loop variable substituted.

    Returns
    -------
    Pass
        The pass ``"tir.Simplify"``.
    """
    return _tt.Simplify()


def LoweringPipeline() -> Pass:  # noqa: N802
    """The lowering passes in pipeline order, as one ``Sequential``.

    :func:`ConvertBlocksToLoops`, :func:`Simplify`, :func:`FlattenBuffer`,
    :func:`VectorizeLoop`, :func:`UnrollLoop`, :func:`LowerParallelLoops`,
    :func:`StorageRewrite`, :func:`Simplify`: what :func:`tessel.compile` runs on the
    PrimFuncs of a module before code generation.

    Returns
    -------
    Pass
        The pass ``"tir.LoweringPipeline"``.
    """
    return _tt.LoweringPipeline()


__all__ = [
    "ConvertBlocksToLoops", "FlattenBuffer", "VectorizeLoop", "UnrollLoop",
    "LowerParallelLoops", "StorageRewrite", "Simplify", "LoweringPipeline",
]
