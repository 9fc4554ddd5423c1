"""Compilation targets: the machine a module is compiled for.

``Target("llvm")`` is the host; options select another triple, CPU or features, a thread
count or fast math, e.g. ``Target("llvm -mcpu=skylake-avx512 -num-threads=4")``.
"""

from ._core import target as _target

Target = _target.Target
Target.__module__ = __name__  # documented and printed as tessel.target.Target

__all__ = ["Target"]
