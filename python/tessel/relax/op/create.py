"""Relax operators: create (see tessel.relax.op)."""

__all__: list = []
