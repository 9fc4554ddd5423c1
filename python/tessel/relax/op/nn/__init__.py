"""Neural-network operators (``relax.op.nn.conv2d``, ``relax.op.nn.softmax``, ...), whose
registered names are ``relax.nn.<name>``."""

from .nn import *  # noqa: F401,F403
from .nn import __all__  # noqa: F401
