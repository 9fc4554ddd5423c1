"""Code generation: lowered TensorIR to machine code with LLVM.

:func:`build` compiles every PrimFunc of a module in the lowered form (what the lowering
pipeline produces: serial loops, ``parallel_launch`` regions, flat 1-D buffer accesses)
into a :class:`tessel.runtime.Module` whose functions run on the host.
"""

from typing import Union

from ._core import codegen as _codegen
from .ir import IRModule
from .runtime import Module
from .target import Target

__all__ = ["build"]


def build(lowered_mod: IRModule, target: Union[str, Target] = "llvm") -> Module:
    """Compile a lowered module to machine code and load it.

    Parameters
    ----------
    lowered_mod : IRModule
        PrimFuncs in the lowered form. Each becomes a function of the result named by its
        ``global_symbol`` attribute, else by its name in the module.
    target : str or Target
        The machine to compile for, such as ``"llvm"`` (the host) or
        ``"llvm -mcpu=skylake-avx512 -num-threads=4"``.

    Returns
    -------
    tessel.runtime.Module
        A module of type ``"llvm"``: call its functions with tensors and scalars, read
        ``get_source("ll")`` or ``get_source("asm")``, or ``export_library(path)`` to write a
        shared library that :func:`tessel.runtime.load_module` loads again.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When the target string is malformed, or a function is not a PrimFunc in the lowered
        form (the message names the function and the construct, such as a block or a
        parallel loop).
    """
    if isinstance(target, str):
        target = Target(target)
    return _codegen.build(lowered_mod, target)
