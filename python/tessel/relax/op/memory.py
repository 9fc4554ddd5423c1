"""Relax operators: memory (see tessel.relax.op)."""

__all__: list = []
