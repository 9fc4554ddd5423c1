"""Relax operators: binary (see tessel.relax.op)."""

__all__: list = []
