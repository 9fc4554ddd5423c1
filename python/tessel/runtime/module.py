"""Modules of compiled code and loading them from shared libraries."""

from __future__ import annotations

import os
from typing import Union

from .._core import runtime as _rt

Module = _rt.Module
Module.__module__ = "tessel.runtime"


def load_module(path: Union[str, os.PathLike]) -> Module:
    """Load a shared library written by ``export_library`` (or any library following
    tessel's kernel ABI).

    Parameters
    ----------
    path : str or os.PathLike
        The ``.so`` file.

    Returns
    -------
    Module
        The module; its functions check their arguments before running. For a library
        written by :meth:`tessel.relax.Executable.export_library` it is the executable
        (``type_key`` ``"relax.Executable"``), whose functions are still the kernels and which
        :class:`tessel.relax.VirtualMachine` runs.

    Raises
    ------
    tessel.error.InvalidArgumentError
        Naming the path and the problem: no such file, not a shared object, truncated,
        no or malformed kernel metadata, a corrupt embedded executable.
    """
    return _rt.load_module(path)
