"""Relax operators: datatype (see tessel.relax.op)."""

__all__: list = []
