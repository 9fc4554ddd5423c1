"""Relax operators: each function builds a call of one registered operator.

The calls are not normalized: :class:`tessel.relax.BlockBuilder` infers their struct
info when they are emitted (``bb.emit(relax.op.add(x, y))``). One module per family.
"""

from ._make import make_call, legalize_call
from .base import *  # noqa: F401,F403
from .unary import *  # noqa: F401,F403
from .binary import *  # noqa: F401,F403
from .ternary import *  # noqa: F401,F403
from .datatype import *  # noqa: F401,F403
from .linear_algebra import *  # noqa: F401,F403
from .statistical import *  # noqa: F401,F403
from .search import *  # noqa: F401,F403
from .manipulate import *  # noqa: F401,F403
from .index import *  # noqa: F401,F403
from .create import *  # noqa: F401,F403
from .memory import *  # noqa: F401,F403
from . import nn
