"""Analyses of Relax functions.

Example
-------
>>> from tessel import relax
>>> relax.analysis.well_formed(relax.BlockBuilder().get())
True
"""

from __future__ import annotations

import warnings
from typing import Union

from .._core.relax import analysis as _analysis
from ..error import InvalidArgumentError
from ..ir import IRModule
from .expr import Function


def well_formed(mod: Union[IRModule, Function], check_struct_info: bool = True) -> bool:
    """Whether the Relax functions of a module (or one function) are well formed.

    Well formed means: every variable is defined once and used after its definition and in
    its scope; DataflowVars live only inside the dataflow block that defines them; the body
    of a function is a SeqExpr and the program is in A-normal form (call arguments, tuple
    fields, conditions and sequence results are leaves); dataflow blocks hold no ``If`` and
    no impure call; every GlobalVar used is in the module; and, with
    ``check_struct_info``, every expression has struct info. When the answer is False, the
    first problem found is reported as a :class:`UserWarning` (see
    :func:`check_well_formed` to raise it instead).

    Parameters
    ----------
    mod : IRModule or Function
        What to check; a lone function cannot be checked for GlobalVars.
    check_struct_info : bool
        Whether a missing struct info makes it ill formed.

    Returns
    -------
    bool
        True when well formed.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When ``mod`` is neither an IRModule nor a Relax function.
    """
    problem = _analysis.well_formed_error(mod, check_struct_info)
    if problem:
        warnings.warn(f"relax.analysis.well_formed: {problem}", stacklevel=2)
    return not problem


def check_well_formed(mod: Union[IRModule, Function], check_struct_info: bool = True) -> None:
    """Raise the first reason why a module (or function) is not well formed.

    Parameters
    ----------
    mod : IRModule or Function
        What to check (see :func:`well_formed`).
    check_struct_info : bool
        Whether a missing struct info makes it ill formed.

    Raises
    ------
    tessel.error.InvalidArgumentError
        Naming the function and the variable or construct at fault, e.g. ``function main:
        variable lv is used outside the dataflow block that defines it``.
    """
    problem = _analysis.well_formed_error(mod, check_struct_info)
    if problem:
        raise InvalidArgumentError(f"relax module is not well formed: {problem}")


__all__ = ["well_formed", "check_well_formed"]
