"""The passes that lower Relax functions to the form the VM code generator reads.

:func:`LowerToVM` runs them in order: :func:`ToNonDataflow`, :func:`CallTIRRewrite`,
:func:`StaticPlanBlockMemory`, :func:`VMShapeLower`. Each works on every Relax
:class:`~tessel.relax.Function` of a module, leaves PrimFuncs alone (VMShapeLower adds
the ``shape_func_<k>`` PrimFuncs it needs), and is registered as ``"relax.<Name>"``
(opt level 0).

Example
-------
>>> from tessel import relax
>>> lower = relax.transform_vm.LowerToVM()
>>> lower.info.name
'relax.LowerToVM'
"""

from .._core.relax import transform_vm as _vm
from ..transform.pass_infra import Pass

__all__ = ["ToNonDataflow", "CallTIRRewrite", "StaticPlanBlockMemory", "VMShapeLower", "LowerToVM"]


def ToNonDataflow() -> Pass:  # noqa: N802 (pass factories are named like the pass)
    """Turn dataflow blocks into plain binding blocks.

    Every :class:`~tessel.relax.DataflowVar` becomes a :class:`~tessel.relax.Var` of the
    same name and struct info, so the passes after it may place impure calls (allocations,
    destination-passing kernel calls) among the bindings.

    Returns
    -------
    Pass
        The pass ``"relax.ToNonDataflow"``.
    """
    return _vm.ToNonDataflow()


def CallTIRRewrite() -> Pass:  # noqa: N802
    """Rewrite cross-level calls into explicit allocations and destination-passing calls.

    ``y = R.call_tir(gv, (a, b), out_sinfo)`` becomes ``y = R.builtin.alloc_tensor(shape,
    dtype, 0)`` followed by ``gv(a, b, y)``; a tuple of outputs allocates one tensor per
    field and binds ``y`` to their tuple, and the call's ``tir_vars`` follow the outputs as
    PrimValues. ``R.call_dps_packed(name, args, out)`` becomes the same allocation and a
    call of ``ExternFunc(name)`` with the outputs after the arguments;
    ``R.call_pure_packed(name, *args)`` becomes a plain call of ``ExternFunc(name)``.

    Returns
    -------
    Pass
        The pass ``"relax.CallTIRRewrite"``.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When an output's shape or dtype is unknown (naming the function and binding).
    """
    return _vm.CallTIRRewrite()


def StaticPlanBlockMemory() -> Pass:  # noqa: N802
    """Let the tensors of static shape a function allocates share storage.

    Each ``relax.builtin.alloc_tensor`` of constant shape in a function's top-level blocks
    becomes a ``relax.memory.alloc_tensor`` view of a storage allocated with
    ``relax.memory.alloc_storage`` at the function's start. A storage is reused once every
    use of its tensor, and of every value that may alias it (tuples holding it, results of
    calls taking it), has passed; tensors reaching the function's result and tensors of
    symbolic shape are left alone. Sizes are bytes rounded up to 64; a tensor takes the
    smallest free storage that fits, else grows the largest free one, else gets a new one.

    The function attribute ``"relax.memory_plan"`` records ``planned_bytes`` (the storages
    allocated), ``unplanned_bytes`` (what the planned tensors would take without reuse) and
    ``saved_bytes`` (the difference).

    Returns
    -------
    Pass
        The pass ``"relax.StaticPlanBlockMemory"``.
    """
    return _vm.StaticPlanBlockMemory()


def VMShapeLower() -> Pass:  # noqa: N802
    """Lower symbolic shapes to run-time checks and computations over a shape heap.

    At entry, each parameter is checked with ``vm.builtin.check_tensor_info`` (or
    ``check_shape_info`` / ``check_tuple_info``), error context ``"<function>: argument
    <name>"``, and its dimensions are matched into an int64 heap with
    ``vm.builtin.match_shape``: the first dimension naming a symbolic variable stores it,
    later ones assert equality, and their error context says where the variable came from
    (``"main: argument w (n is argument x dimension 1)"``). ``R.match_cast`` bindings become
    the same checks and a plain binding. Every symbolic :class:`~tessel.relax.ShapeExpr`
    becomes ``vm.builtin.make_shape`` and every symbolic :class:`~tessel.relax.PrimValue`
    ``vm.builtin.make_prim_value``; derived values such as ``n * 2`` are computed by
    PrimFuncs ``shape_func_<k>(heap)`` added to the module and called as kernels.

    Returns
    -------
    Pass
        The pass ``"relax.VMShapeLower"``.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When a symbolic variable is used before a parameter or match_cast defines it, or
        dataflow blocks or cross-level calls remain (run the earlier passes first).
    """
    return _vm.VMShapeLower()


def LowerToVM() -> Pass:  # noqa: N802
    """The whole lowering: ToNonDataflow, CallTIRRewrite, StaticPlanBlockMemory, VMShapeLower.

    Returns
    -------
    Pass
        The sequential pass ``"relax.LowerToVM"``.
    """
    return _vm.LowerToVM()
