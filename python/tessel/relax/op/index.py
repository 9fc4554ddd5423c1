"""Relax operators: index (see tessel.relax.op)."""

__all__: list = []
