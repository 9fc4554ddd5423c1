"""Tensors and devices: allocation and zero-copy exchange with numpy and PyTorch."""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from .._core import runtime as _rt
from ..error import InvalidArgumentError

Device = _rt.Device
Tensor = _rt.Tensor

for _cls in (Device, Tensor):
    _cls.__module__ = "tessel.runtime"

_CPU = 1  # DLPack kDLCPU


def cpu(index: int = 0) -> Device:
    """The host CPU.

    Parameters
    ----------
    index : int
        The device index; the host has one CPU device, 0.

    Returns
    -------
    Device
        ``cpu(0)``.
    """
    return Device(_CPU, index)


def empty(shape: Sequence[int], dtype: str = "float32", device: Optional[Device] = None) -> Tensor:
    """Allocate an uninitialised, 64-byte aligned, row-major tensor.

    Parameters
    ----------
    shape : sequence of int
        The extent of each dimension.
    dtype : str
        The element type, such as ``"float32"``, ``"int64"`` or ``"bool"``.
    device : Device, optional
        Where to allocate; only the CPU (the default) is supported.

    Returns
    -------
    Tensor
        The new tensor.

    Raises
    ------
    tessel.error.InvalidArgumentError
        For a negative extent, an unknown dtype or a device other than the CPU.
    """
    return _rt.empty(list(shape), dtype, device)


def from_dlpack(obj: Any) -> Tensor:
    """View the memory of any DLPack producer as a :class:`Tensor`, without copying.

    Parameters
    ----------
    obj : object
        An object with ``__dlpack__`` (a numpy array, a torch tensor, a Tensor) or a DLPack
        capsule, which is marked used.

    Returns
    -------
    Tensor
        A tensor sharing ``obj``'s memory; writes through either are seen by both.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When ``obj`` is neither a producer nor an unused capsule.
    """
    return _rt.from_dlpack(obj)


def tensor(array: Any, device: Optional[Device] = None) -> Tensor:
    """Make a :class:`Tensor` from an array-like value.

    A C-contiguous, writeable numpy array (or any DLPack producer such as a torch tensor)
    is shared without copying; anything else (lists, strided or read-only arrays) is copied
    into a new compact array first.

    Parameters
    ----------
    array : array_like
        The data.
    device : Device, optional
        Only the CPU (the default) is supported.

    Returns
    -------
    Tensor
        A tensor holding (or viewing) the data.

    Raises
    ------
    tessel.error.InvalidArgumentError
        For a device other than the CPU.
    """
    if device is not None and device.device_type != _CPU:
        raise InvalidArgumentError(f"tensor: device {device!r} is not supported; only cpu is")
    if isinstance(array, Tensor):
        return array
    if not isinstance(array, np.ndarray) and hasattr(array, "__dlpack__"):
        return _rt.from_dlpack(array)
    array = np.asarray(array)
    if not (array.flags.c_contiguous and array.flags.writeable):
        array = np.array(array, order="C", copy=True)
    return _rt.from_dlpack(array)
