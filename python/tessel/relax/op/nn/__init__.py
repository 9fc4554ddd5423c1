"""Relax neural-network operators: ``relax.op.nn.conv2d`` and friends."""

from .nn import *  # noqa: F401,F403
from .nn import __all__  # noqa: F401
