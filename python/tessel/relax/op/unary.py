"""Relax operators: unary (see tessel.relax.op)."""

__all__: list = []
