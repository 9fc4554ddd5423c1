"""``tessel.compile``: the build step of the flow, from an IRModule to code that runs.

A module with Relax functions is built by :func:`tessel.relax.build` into a
:class:`tessel.relax.Executable` (VM bytecode plus kernels) that
:class:`tessel.relax.VirtualMachine` runs. A module of tensor programs (PrimFuncs) only goes
through the TensorIR lowering pipeline (:func:`tessel.tir.transform.LoweringPipeline`) and
then LLVM code generation (:func:`tessel.codegen.build`); the result is a
:class:`tessel.runtime.Module` whose functions are the module's PrimFuncs, callable with
tensors, numpy arrays or torch tensors.
"""

from __future__ import annotations

from . import codegen, relax, tir
from .error import InvalidArgumentError
from .ir import IRModule
from .runtime import Module
from .target import Target


def compile(mod: IRModule | tir.PrimFunc,  # noqa: A001
            target: str | Target = "llvm") -> Module | relax.Executable:
    """Compile a module for a target.

    Parameters
    ----------
    mod
        An IRModule with Relax functions (built with ``relax.build(mod, target)`` and its
        ``"default"`` pipeline), an IRModule of PrimFuncs, or one PrimFunc (exported under
        its ``global_symbol`` attribute, else as ``"main"``).
    target
        A :class:`~tessel.target.Target` or its string, e.g. ``"llvm"`` (this machine) or
        ``"llvm -mcpu=skylake-avx512 -num-threads=2"``.

    Returns
    -------
    tessel.relax.Executable or tessel.runtime.Module
        For Relax functions, the executable that :class:`tessel.relax.VirtualMachine` runs;
        for PrimFuncs, the compiled functions by name. Both ``export_library("x.so")`` to a
        shared object that :func:`tessel.runtime.load_module` loads back.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When ``mod`` is neither an IRModule nor a PrimFunc, or the target string is invalid.
    """
    if isinstance(mod, tir.PrimFunc):
        symbol = mod.attrs.get("global_symbol", "main") if mod.attrs is not None else "main"
        mod = IRModule({str(symbol): mod})
    if not isinstance(mod, IRModule):
        raise InvalidArgumentError(
            f"tessel.compile: expected an IRModule or a tir.PrimFunc, got {type(mod).__name__}")
    if isinstance(target, str):
        target = Target(target)
    if any(isinstance(func, relax.Function) for _, func in mod.items()):
        return relax.build(mod, target)
    lowered = tir.transform.LoweringPipeline()(mod)
    return codegen.build(lowered, target)
