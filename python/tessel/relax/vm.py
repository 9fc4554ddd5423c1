"""The Relax virtual machine: :class:`Executable` (bytecode plus compiled kernels) and
:class:`VirtualMachine`, which runs its functions from Python: ``exe = tessel.compile(mod)``,
``vm = relax.VirtualMachine(exe, tessel.cpu())``, ``y = vm["main"](x)``.
"""

from __future__ import annotations

import os
from typing import Any, Callable, List, Optional, Union

import numpy as np

from .._core import relax_vm as _vm
from ..error import InvalidArgumentError
from .. import runtime
from ..runtime import BenchmarkResult, Device, Module, cpu, tensor

ProfileReport = _vm.ProfileReport
ProfileEntry = _vm.ProfileEntry
for _cls in (ProfileReport, ProfileEntry):
    _cls.__module__ = "tessel.relax"

__all__ = ["Executable", "ProfileEntry", "ProfileReport", "VirtualMachine"]


class Executable:
    """A compiled Relax module: VM bytecode, constants and the compiled kernels.

    Made by :func:`tessel.relax.build` (or :func:`tessel.compile`); run it with
    :class:`VirtualMachine`.

    Parameters
    ----------
    mod : tessel.runtime.Module
        A module of type ``"relax.Executable"``, such as the one
        :func:`tessel.runtime.load_module` returns for an exported library.
    """

    def __init__(self, mod: runtime.Module):
        if not isinstance(mod, Module) or mod.type_key != "relax.Executable":
            raise InvalidArgumentError(
                f"Executable: expected a 'relax.Executable' module, but found {mod!r}")
        self.mod = mod

    def export_library(self, path: Union[str, os.PathLike]) -> None:
        """Write one shared library holding the kernels, the bytecode and the constants.

        Parameters
        ----------
        path : str or os.PathLike
            The ``.so`` file to write; :func:`tessel.runtime.load_module` reads it back, and
            a C++ program loads it with ``tessel::runtime::Module::LoadFromFile``.

        Raises
        ------
        tessel.error.InvalidArgumentError
            When the file cannot be written or linked.
        """
        self.mod.export_library(path)

    def as_text(self) -> str:
        """The bytecode as text: each VM function's instructions, then the constants.

        Returns
        -------
        str
            One line per instruction, such as ``%3 = call add(%0, %1, %2)``.
        """
        return _vm.as_text(self.mod)

    def stats(self) -> str:
        """Counts of VM functions, packed functions, instructions and constants.

        Returns
        -------
        str
            A few lines of ``name: count (details)``.
        """
        return _vm.stats(self.mod)

    def function_names(self) -> List[str]:
        """The names of the VM functions (the Relax functions of the module).

        Returns
        -------
        list of str
            In the order of the module.
        """
        return list(_vm.vm_function_names(self.mod))

    def __repr__(self) -> str:
        return f"tessel.relax.Executable(functions={self.function_names()})"


def _to_vm_value(value: Any) -> Any:
    """Numpy arrays become tensors (shared when compact and writable); tuples stay tuples."""
    if isinstance(value, np.ndarray):
        return tensor(value)
    if isinstance(value, (list, tuple)):
        return [_to_vm_value(v) for v in value]
    return value


def _from_vm_value(value: Any) -> Any:
    """VM tuples come back as Python tuples."""
    if isinstance(value, list):
        return tuple(_from_vm_value(v) for v in value)
    return value


class VirtualMachine:
    """Runs the functions of an :class:`Executable`.

    Parameters
    ----------
    exe : Executable or tessel.runtime.Module
        The executable, or the module :func:`tessel.runtime.load_module` returned for a
        library written by :meth:`Executable.export_library`.
    device : tessel.runtime.Device, optional
        Where to run; only the CPU (the default) is supported.
    profile : bool
        Enable :meth:`profile`.

    Attributes
    ----------
    module : tessel.runtime.Module
        The VM as a module (``type_key`` ``"relax.VirtualMachine"``) of its functions.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When ``exe`` is not an executable, the device is not the CPU, or a function the
        bytecode calls is neither a kernel nor registered (the message names it).

    Notes
    -----
    ``vm["main"](x, w)`` calls ``main``; arguments are tensors, numpy arrays, DLPack producers
    (torch tensors), :class:`tessel.runtime.ShapeTuple` s, tuples of these or numbers. Wrong
    argument counts raise InvalidArgumentError; a wrong dtype, rank or shape raises
    ExecutionError naming the parameter, e.g. ``main: argument x: dimension 1 is 5, but
    expected 784``.
    """

    def __init__(self, exe: Union[Executable, runtime.Module], device: Optional[Device] = None,
                 profile: bool = False):
        module = exe.mod if isinstance(exe, Executable) else exe
        if not isinstance(module, Module):
            raise InvalidArgumentError(
                f"VirtualMachine: expected an Executable or a tessel.runtime.Module, but found "
                f"{type(exe).__name__}")
        self._vm = _vm.VirtualMachine(module, device if device is not None else cpu(), profile)
        self.module = self._vm.module()

    def __getitem__(self, name: str) -> Callable[..., Any]:
        """The VM function ``name`` as a Python callable.

        Parameters
        ----------
        name : str
            The function, such as ``"main"``.

        Returns
        -------
        callable
            Takes the function's arguments and returns its result: a Tensor, a tuple, a
            :class:`tessel.runtime.ShapeTuple` or a number.

        Raises
        ------
        tessel.error.InvalidArgumentError
            Listing the VM's functions when there is none of that name.
        """
        func = self._vm.get_function(name)

        def call(*args: Any) -> Any:
            return _from_vm_value(func(*[_to_vm_value(a) for a in args]))

        call.__name__ = name
        return call

    def function_names(self) -> List[str]:
        """The names of the VM functions.

        Returns
        -------
        list of str
            The functions ``vm[name]`` accepts.
        """
        return list(self._vm.function_names())

    def time_evaluator(self, func_name: str, dev: Optional[Device] = None, number: int = 10,
                       repeat: int = 1, min_repeat_ms: int = 0) -> Callable[..., BenchmarkResult]:
        """A function that times ``func_name`` on the arguments it is given.

        Parameters
        ----------
        func_name : str
            The VM function.
        dev : tessel.runtime.Device, optional
            The device; only the CPU is supported.
        number : int
            Calls per measurement.
        repeat : int
            Measurements.
        min_repeat_ms : int
            The least milliseconds of one measurement; ``number`` grows until reached.

        Returns
        -------
        callable
            ``f(*args)`` runs one warm-up call, then returns a
            :class:`tessel.runtime.BenchmarkResult` of seconds per call.
        """
        timer = self.module.time_evaluator(func_name, dev, number, repeat, min_repeat_ms)

        def evaluate(*args: Any) -> BenchmarkResult:
            return timer(*[_to_vm_value(a) for a in args])

        return evaluate

    def profile(self, func_name: str, *args: Any) -> ProfileReport:
        """Call ``func_name`` once and time every kernel and builtin it calls.

        Parameters
        ----------
        func_name : str
            The VM function.
        *args
            Its arguments, as for ``vm[func_name]``.

        Returns
        -------
        ProfileReport
            ``report.entries`` (name, kind, calls, seconds; slowest first) and
            ``report.total_seconds``; ``str(report)`` is a table.

        Raises
        ------
        tessel.error.InvalidArgumentError
            When the VM was created with ``profile=False``.
        """
        return self._vm.profile(func_name, *[_to_vm_value(a) for a in args])

    def __repr__(self) -> str:
        return f"tessel.relax.VirtualMachine(functions={self.function_names()})"
