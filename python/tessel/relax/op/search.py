"""Relax operators: search (see tessel.relax.op)."""

__all__: list = []
