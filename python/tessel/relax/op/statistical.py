"""Relax operators: statistical (see tessel.relax.op)."""

__all__: list = []
