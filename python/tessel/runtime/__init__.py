"""The tessel runtime: tensors shared through DLPack, compiled modules, the function registry.

Everything here is backed by ``libtessel_runtime``, the library a deployed program links
alone (no compiler, no LLVM).
"""

from .tensor import Device, Tensor, cpu, empty, from_dlpack, tensor
from .shape_tuple import ShapeTuple
from .registry import PackedFunc, get_global_func, list_global_func_names, register_func
from .module import Module, load_module
from .profiling import BenchmarkResult

__all__ = [
    "BenchmarkResult",
    "Device",
    "Module",
    "PackedFunc",
    "ShapeTuple",
    "Tensor",
    "cpu",
    "empty",
    "from_dlpack",
    "get_global_func",
    "list_global_func_names",
    "load_module",
    "register_func",
    "tensor",
]
