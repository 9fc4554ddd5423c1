"""``relax.build``: an IRModule of Relax functions and PrimFuncs to an :class:`Executable`.

The steps: the named (or given) high-level pipeline, the VM lowering (the pass registered as
``"relax.LowerToVM"``), VM code generation for the Relax functions, and the TensorIR lowering
pipeline plus LLVM code generation for the PrimFuncs, which become the executable's kernels.
"""

from __future__ import annotations

from typing import Callable, Optional, Union

from .. import codegen, tir
from .._core import relax_vm as _vm
from ..error import InvalidArgumentError
from ..ir import IRModule
from ..target import Target
from ..transform import get_pass
from .pipeline import get_pipeline
from .vm import Executable

__all__ = ["build"]


def build(mod: IRModule, target: Union[str, Target] = "llvm",
          pipeline: Optional[Union[str, Callable[[IRModule], IRModule]]] = "default") -> Executable:
    """Compile a module with Relax functions into an :class:`Executable`.

    Parameters
    ----------
    mod : IRModule
        Relax functions and the PrimFuncs they call.
    target : str or Target
        The machine to compile the kernels for, e.g. ``"llvm"`` (this machine).
    pipeline : str, Pass, callable or None
        The high-level pipeline run first: a name for :func:`tessel.relax.get_pipeline`
        (``"default"``, ``"zero"``, or one registered with ``relax.register_pipeline``), a
        pass, or None for none (the module is then already legalized).

    Returns
    -------
    Executable
        Run it with :class:`tessel.relax.VirtualMachine`; write it with
        :meth:`Executable.export_library`.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When ``mod`` is not an IRModule, the pipeline name is unknown, or an operator cannot
        be lowered (the message names the function and the construct).
    """
    if not isinstance(mod, IRModule):
        raise InvalidArgumentError(f"relax.build: expected an IRModule, but found {type(mod).__name__}")
    if isinstance(pipeline, str):
        pipeline = get_pipeline(pipeline)
    if pipeline is not None:
        mod = pipeline(mod)
    return _build_lowered(get_pass("relax.LowerToVM")(mod), target)


def _build_lowered(mod: IRModule, target: Union[str, Target]) -> Executable:
    """VM code generation and kernel compilation of a module already lowered for the VM."""
    if isinstance(target, str):
        target = Target(target)
    exe = _vm.vm_codegen(mod)
    prim_funcs = IRModule({gv: f for gv, f in mod.items() if isinstance(f, tir.PrimFunc)})
    kernels = codegen.build(tir.transform.LoweringPipeline()(prim_funcs), target)
    _vm.set_kernels(exe, kernels)
    return Executable(exe)
