"""The pass infrastructure: every transformation is an ``IRModule -> IRModule`` pass.

A pass runs under a :class:`PassContext`, which holds the opt level, the disabled and
required passes, per-pass config and instruments. Pipelines are :class:`Sequential`
lists of passes. Passes written in Python (:func:`module_pass`, :func:`function_pass`)
compose with the built-in C++ ones exactly like built-in ones.

Examples
--------
>>> from tessel import ir, transform
>>> @transform.module_pass(opt_level=0)
... def tag(mod, ctx):
...     return mod.with_attr("tagged", True)
>>> pipeline = transform.Sequential([tag, transform.RemoveUnusedFunctions()], name="my_pipeline")
>>> timing = transform.PassTimingInstrument()
>>> with transform.PassContext(opt_level=3, instruments=[timing]):
...     mod = pipeline(ir.IRModule())
>>> mod.attrs.dict["tagged"].value
1
>>> print(timing.report())  # doctest: +ELLIPSIS
pass ... time (ms)  percent
my_pipeline ...
  tag ...
  RemoveUnusedFunctions ...
total ... 100.0%
"""

from .decorators import function_pass, module_pass
from .instrument import DumpIR, PassInstrument, PassTimingInstrument
from .pass_infra import (
    FunctionPass,
    ModulePass,
    Pass,
    PassContext,
    PassInfo,
    Sequential,
    get_pass,
    list_passes,
    register_pass,
)
from .passes import AttachGlobalSymbol, RemoveUnusedFunctions

__all__ = [
    "Pass",
    "PassInfo",
    "ModulePass",
    "FunctionPass",
    "Sequential",
    "PassContext",
    "PassInstrument",
    "PassTimingInstrument",
    "DumpIR",
    "module_pass",
    "function_pass",
    "get_pass",
    "list_passes",
    "register_pass",
    "AttachGlobalSymbol",
    "RemoveUnusedFunctions",
]
