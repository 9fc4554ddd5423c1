"""tessel: an ML compiler where every idea is a transformation of an IRModule."""

__version__ = "0.1.0.dev0"
