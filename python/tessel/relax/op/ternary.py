"""Relax operators: ternary (see tessel.relax.op)."""

__all__: list = []
