"""The memory operators of the VM form: storages, tensors placed in them, fresh tensors.

Memory planning (:func:`tessel.relax.transform_vm.StaticPlanBlockMemory`) writes them; they
may also be written by hand in IR meant for the VM. Arguments may be given as Relax
expressions or as Python values: a list or tuple of ints becomes a
:class:`~tessel.relax.ShapeExpr`, an int an int64 :class:`~tessel.relax.PrimValue`, a str
a :class:`~tessel.relax.StringImm`.
"""

from __future__ import annotations

from ... import tir
from ..expr import Expr, PrimValue, ShapeExpr, StringImm
from ._make import make_call

__all__ = ["alloc_storage", "alloc_tensor", "kill_storage", "kill_tensor", "builtin_alloc_tensor"]


def _shape(value) -> Expr:
    return value if isinstance(value, Expr) else ShapeExpr(list(value))


def _int(value) -> Expr:
    return value if isinstance(value, Expr) else PrimValue(tir.IntImm("int64", int(value)))


def _str(value) -> Expr:
    return value if isinstance(value, Expr) else StringImm(str(value))


def alloc_storage(size, device_index=0, dtype="uint8") -> Expr:
    """``relax.memory.alloc_storage``: allocate bytes of storage on a device.

    Parameters
    ----------
    size : Expr or list of int
        A shape of one value, the size in bytes.
    device_index : Expr or int, optional
        The device (0 is the VM's device).
    dtype : Expr or str, optional
        The element type the storage is meant for (a hint; storage is bytes).

    Returns
    -------
    Expr
        The call; its value is a storage (``ObjectStructInfo``).
    """
    return make_call("relax.memory.alloc_storage", [_shape(size), _int(device_index), _str(dtype)])


def alloc_tensor(storage, offset, shape, dtype) -> Expr:
    """``relax.memory.alloc_tensor``: a tensor placed in a storage.

    Parameters
    ----------
    storage : Expr
        The storage, a value of :func:`alloc_storage`.
    offset : Expr or int
        The tensor's first byte in the storage.
    shape : Expr or list of int
        The tensor's shape.
    dtype : Expr or str
        The tensor's element type.

    Returns
    -------
    Expr
        The call; its value is a tensor of that shape and dtype.
    """
    return make_call("relax.memory.alloc_tensor", [storage, _int(offset), _shape(shape), _str(dtype)])


def kill_storage(storage) -> Expr:
    """``relax.memory.kill_storage``: end the lifetime of a storage.

    Parameters
    ----------
    storage : Expr
        The storage.

    Returns
    -------
    Expr
        The call; it returns an empty tuple.
    """
    return make_call("relax.memory.kill_storage", [storage])


def kill_tensor(tensor) -> Expr:
    """``relax.memory.kill_tensor``: end the lifetime of a tensor placed in a storage.

    Parameters
    ----------
    tensor : Expr
        The tensor.

    Returns
    -------
    Expr
        The call; it returns an empty tuple.
    """
    return make_call("relax.memory.kill_tensor", [tensor])


def builtin_alloc_tensor(shape, dtype, device_index=0) -> Expr:
    """``relax.builtin.alloc_tensor``: allocate a fresh tensor.

    Parameters
    ----------
    shape : Expr or list of int
        The shape.
    dtype : Expr or str
        The element type.
    device_index : Expr or int, optional
        The device (0 is the VM's device).

    Returns
    -------
    Expr
        The call; its value is a tensor of that shape and dtype.
    """
    return make_call("relax.builtin.alloc_tensor", [_shape(shape), _str(dtype), _int(device_index)])
