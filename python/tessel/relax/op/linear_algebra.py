"""Relax operators: linear_algebra (see tessel.relax.op)."""

__all__: list = []
