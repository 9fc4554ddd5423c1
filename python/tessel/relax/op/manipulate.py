"""Relax operators: manipulate (see tessel.relax.op)."""

__all__: list = []
