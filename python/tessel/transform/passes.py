"""The passes that work on the functions of every dialect."""

from __future__ import annotations

from typing import List, Optional

from .._core import transform as _tr
from .pass_infra import Pass


def AttachGlobalSymbol() -> Pass:  # noqa: N802 (pass factories are named like the pass)
    """Give every function without a ``"global_symbol"`` attribute its name in the module.

    Functions with a global symbol are the ones a build exports. Registered as
    ``"AttachGlobalSymbol"``; opt level 0.

    Returns
    -------
    Pass
        The pass.
    """
    return _tr.AttachGlobalSymbol()


def RemoveUnusedFunctions(entry_functions: Optional[List[str]] = None) -> Pass:  # noqa: N802
    """Remove the functions that no entry function reaches.

    A function reaches another when a :class:`~tessel.ir.GlobalVar` of that name occurs
    anywhere inside it. The entries are the ``entry_functions`` present in the module;
    when none is present, every function with a ``"global_symbol"`` attribute is an
    entry. Registered as ``"RemoveUnusedFunctions"``; opt level 0.

    Parameters
    ----------
    entry_functions : list of str, optional
        Names of the entry functions; ``["main"]`` by default.

    Returns
    -------
    Pass
        The pass.
    """
    return _tr.RemoveUnusedFunctions(entry_functions)
