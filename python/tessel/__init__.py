"""tessel: an ML compiler where every idea is a transformation of an IRModule."""

__version__ = "0.1.0.dev0"

from . import error
from .error import TesselError
from . import ir
from .ir import IRModule
from . import transform
from . import tir
from . import te
from . import relax
from . import nn
from . import runtime
from .runtime import cpu
from . import target
from . import codegen
from .driver import compile  # noqa: A004 (tessel.compile is the flow's build step)
