"""A compiled Relax function as a ``torch.nn.Module``, exchanging tensors through DLPack."""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

import numpy as np
import torch

from .. import relax, runtime
from ..error import InvalidArgumentError


class TorchModule(torch.nn.Module):
    """Calls one function of a :class:`tessel.relax.VirtualMachine` from PyTorch.

    Made by :func:`as_torch_module`; ``forward(*inputs)`` takes CPU torch tensors and
    returns torch tensors (a tuple for a function returning a tuple). Inputs and outputs
    share memory with the VM's tensors: nothing is copied, except a non-contiguous input,
    which is made contiguous first. Gradients do not flow through it (inputs are detached).

    Parameters
    ----------
    vm : tessel.relax.VirtualMachine
        The virtual machine to call.
    name : str
        The function's name.
    params : list of tessel.runtime.Tensor
        Passed after the inputs on every call.
    """

    def __init__(self, vm: Any, name: str, params: List[runtime.Tensor]):
        super().__init__()
        self._vm = vm
        self._name = name
        self._func = vm[name]
        self._params = params

    def forward(self, *inputs: torch.Tensor) -> Any:
        """Run the function on ``inputs`` followed by the bound parameters.

        Raises
        ------
        tessel.error.InvalidArgumentError
            For an input that is not a CPU torch tensor.
        tessel.error.ExecutionError
            When the function rejects the inputs (count, dtype, rank or shape).
        """
        args = [self._to_tessel(i, x) for i, x in enumerate(inputs)]
        return _to_torch(self._func(*args, *self._params))

    def _to_tessel(self, index: int, x: Any) -> runtime.Tensor:
        if not isinstance(x, torch.Tensor):
            raise InvalidArgumentError(
                f"{self._name}: input {index} is a {type(x).__name__}, expected a torch.Tensor")
        if x.device.type != "cpu":
            raise InvalidArgumentError(
                f"{self._name}: input {index} is on {x.device}, but the module runs on the CPU")
        return runtime.from_dlpack(x.detach().contiguous())

    def extra_repr(self) -> str:
        return f"name={self._name!r}, params={len(self._params)}"


def _to_torch(value: Any) -> Any:
    """VM results as torch values: tensors through DLPack, tuples element by element."""
    if isinstance(value, runtime.Tensor):
        return torch.from_dlpack(value)
    if isinstance(value, (tuple, list)):
        return tuple(_to_torch(v) for v in value)
    return value


def _param_tensor(index: int, value: Any) -> runtime.Tensor:
    """One bound parameter as a tessel tensor, sharing its memory where possible."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        name, value = value
        data = getattr(value, "data", value)
        if data is None:
            raise InvalidArgumentError(f"as_torch_module: parameter {name!r} has no value")
        value = data
    if isinstance(value, torch.Tensor):
        if value.device.type != "cpu":
            raise InvalidArgumentError(
                f"as_torch_module: parameter {index} is on {value.device}, not the CPU")
        return runtime.from_dlpack(value.detach().contiguous())
    if isinstance(value, runtime.Tensor):
        return value
    return runtime.tensor(np.asarray(value))


def as_torch_module(vm_or_executable: Any, name: str = "main",
                    params: Optional[Sequence[Any]] = None) -> TorchModule:
    """Wrap a compiled function as a ``torch.nn.Module``.

    Parameters
    ----------
    vm_or_executable : relax.VirtualMachine, relax.Executable or runtime.Module
        A virtual machine, or what one is made from on the CPU: an executable from
        :func:`tessel.relax.build`, or a module loaded by
        :func:`tessel.runtime.load_module`.
    name : str
        The function to call.
    params : sequence, optional
        Values passed after the inputs on every call: arrays (numpy, torch or tessel), or
        the ``(name, Parameter)`` list of :meth:`tessel.nn.Module.export`.

    Returns
    -------
    TorchModule
        A module whose ``forward`` takes the function's inputs as torch tensors.

    Raises
    ------
    tessel.error.InvalidArgumentError
        For an object that is neither a VM nor an executable or module, a function the
        VM does not have, or a parameter without a value or not on the CPU.
    """
    if isinstance(vm_or_executable, relax.VirtualMachine):
        vm = vm_or_executable
    elif isinstance(vm_or_executable, (relax.Executable, runtime.Module)):
        vm = relax.VirtualMachine(vm_or_executable, runtime.cpu())
    else:
        raise InvalidArgumentError(
            "as_torch_module: expected a relax.VirtualMachine, relax.Executable or runtime.Module, "
            f"found {type(vm_or_executable).__name__}")
    bound = [_param_tensor(i, p) for i, p in enumerate(params or [])]
    return TorchModule(vm, name, bound)


__all__ = ["TorchModule", "as_torch_module"]
