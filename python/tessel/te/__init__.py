"""Tensor expressions: describe a computation element by element, get TensorIR.

A program is a graph of tensors. :func:`placeholder` declares an input;
:func:`compute` defines each element of a new tensor from its index variables, reading
other tensors with ``A[i, j]``; reductions (:func:`sum`, :func:`max`, :func:`min`,
:func:`prod`, or your own :func:`comm_reducer`, tuple reducers such as argmax included)
run over :func:`reduce_axis` variables.
:func:`create_prim_func` turns the graph into a :class:`tessel.tir.PrimFunc` with one
block per compute, which :class:`tessel.tir.Schedule` and the lowering passes take.

Example
-------
>>> from tessel import te
>>> A = te.placeholder((128, 128), "float32", name="A")
>>> B = te.placeholder((128, 128), "float32", name="B")
>>> k = te.reduce_axis((0, 128), name="k")
>>> C = te.compute((128, 128), lambda i, j: te.sum(A[i, k] * B[k, j], axis=k), name="C")
>>> func = te.create_prim_func([A, B, C])
>>> [block for block in func.script().splitlines() if "T.block" in block]
['        with T.block("C"):']
"""

from .tensor import Tensor, Operation, PlaceholderOp, ComputeOp, ProducerLoad, placeholder
from .operation import compute, var, size_var
from .reduction import (CommReducer, Reduce, reduce_axis, comm_reducer, sum, prod, max, min,
                        min_value, max_value)
from .create_prim_func import create_prim_func

__all__ = [
    "Tensor", "Operation", "PlaceholderOp", "ComputeOp", "ProducerLoad", "placeholder",
    "compute", "var", "size_var", "CommReducer", "Reduce", "reduce_axis", "comm_reducer",
    "sum", "prod", "max", "min", "min_value", "max_value", "create_prim_func",
]
