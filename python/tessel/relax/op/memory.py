"""The memory operators of the VM form: storages, tensors placed in them, fresh tensors.

Memory planning (:func:`tessel.relax.transform_vm.StaticPlanBlockMemory`) writes them; they
may also be written by hand in IR meant for the VM. Arguments may be given as Relax
expressions or as Python values: a list or tuple of ints becomes a
:class:`~tessel.relax.ShapeExpr`, an int an int64 :class:`~tessel.relax.PrimValue`, a str
a :class:`~tessel.relax.StringImm`; a value of another kind raises
:class:`~tessel.error.InvalidArgumentError` naming the operator and the argument.
"""

from __future__ import annotations

from ... import ir, tir
from ...error import InvalidArgumentError
from ..expr import Expr, PrimValue, ShapeExpr, StringImm
from ._make import make_call

__all__ = ["alloc_storage", "alloc_tensor", "kill_storage", "kill_tensor", "builtin_alloc_tensor"]


def _shape(op: str, what: str, value) -> Expr:
    if isinstance(value, Expr):
        return value
    if isinstance(value, (list, tuple)) and all(
            isinstance(v, ir.PrimExpr) or (isinstance(v, int) and not isinstance(v, bool)) for v in value):
        return ShapeExpr(list(value))
    raise InvalidArgumentError(f"{op}: argument {what} must be a shape (an Expr or a list of ints), "
                               f"found {value!r}")


def _int(op: str, what: str, value) -> Expr:
    if isinstance(value, Expr):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return PrimValue(tir.IntImm("int64", value))
    raise InvalidArgumentError(f"{op}: argument {what} must be an int or an Expr, found {value!r}")


def _str(op: str, what: str, value) -> Expr:
    if isinstance(value, Expr):
        return value
    if isinstance(value, str):
        return StringImm(value)
    raise InvalidArgumentError(f"{op}: argument {what} must be a str or an Expr, found {value!r}")


def _expr(op: str, what: str, value) -> Expr:
    if isinstance(value, Expr):
        return value
    raise InvalidArgumentError(f"{op}: argument {what} must be an Expr, found {value!r}")


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
    op = "relax.memory.alloc_storage"
    return make_call(op, [_shape(op, "size", size), _int(op, "device_index", device_index),
                          _str(op, "dtype", dtype)])


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
    op = "relax.memory.alloc_tensor"
    return make_call(op, [_expr(op, "storage", storage), _int(op, "offset", offset),
                          _shape(op, "shape", shape), _str(op, "dtype", dtype)])


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
    return make_call("relax.memory.kill_storage", [_expr("relax.memory.kill_storage", "storage", storage)])


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
    return make_call("relax.memory.kill_tensor", [_expr("relax.memory.kill_tensor", "tensor", tensor)])


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
    op = "relax.builtin.alloc_tensor"
    return make_call(op, [_shape(op, "shape", shape), _str(op, "dtype", dtype),
                          _int(op, "device_index", device_index)])
