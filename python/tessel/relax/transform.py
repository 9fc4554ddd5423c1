"""The high-level Relax passes: legalize operators, fold constants, clean up bindings and
functions, annotate and schedule the tensor programs.

Each function returns a :class:`tessel.transform.Pass`; the passes are registered under
``"relax.<Name>"`` (opt level 0) and compose with every other pass, in C++ or Python.

Example
-------
>>> from tessel import relax, transform
>>> zero = transform.Sequential([relax.transform.LegalizeOps(), relax.transform.FoldConstant(),
...                              relax.transform.CanonicalizeBindings(),
...                              relax.transform.DeadCodeElimination()], name="zero")
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

import numpy as np

from .._core.relax import transform as _transform
from ..runtime import tensor as _tensor
from ..transform import Pass
from .block_builder import BlockBuilder
from .default_schedule import DefaultTIRSchedule


def LegalizeOps(  # noqa: N802 (pass factories are named like the pass)
        customize_legalize_map: Optional[Dict[str, Callable]] = None) -> Pass:
    """Replace every operator call by its legalization, usually a ``call_tir`` of a new
    PrimFunc (the same computation legalized twice gives one PrimFunc).

    An operator's legalization is its registered ``FLegalize``, unless
    ``customize_legalize_map`` has an entry for its name. What a legalization returns is
    legalized again when it still calls operators. Calls of ``relax.call_tir``,
    ``relax.call_dps_packed``, ``relax.call_pure_packed`` and of the memory and builtin
    operators are kept, unless ``customize_legalize_map`` names them. The PrimFuncs made for an operator get its fusion pattern kind as
    their ``"op_pattern"`` attribute.

    Parameters
    ----------
    customize_legalize_map : dict of str to callable, optional
        ``{"relax.add": fn}`` with ``fn(bb, call) -> Expr``: ``bb`` is a
        :class:`~tessel.relax.BlockBuilder` (``bb.call_te(...)`` adds a PrimFunc and returns
        its ``call_tir``), ``call`` the normalized call.

    Returns
    -------
    tessel.transform.Pass
        The pass.

    Raises
    ------
    tessel.error.InvalidArgumentError
        (when the pass runs) naming the operator and the function, for an operator without
        a legalization, or one whose legalization cannot handle the call (an argument of
        unknown shape or dtype). Errors raised by a legalization keep their class, with
        the function and the operator prepended to the message.

    Examples
    --------
    >>> from tessel import te, tir
    >>> def my_relu(bb, call):
    ...     zero = tir.const(0.0, "float32")
    ...     return bb.call_te(lambda x: te.compute(x.shape, lambda *i: tir.max(x(*i), zero)),
    ...                       call.args[0], primfunc_name_hint="my_relu")
    >>> legalize = LegalizeOps({"relax.nn.relu": my_relu})
    """
    if isinstance(customize_legalize_map, dict):  # anything else: the C++ side says what is wrong
        customize_legalize_map = {name: _with_python_builder(fn)
                                  for name, fn in customize_legalize_map.items()}
    return _transform.LegalizeOps(customize_legalize_map)


def _with_python_builder(fn: Callable) -> Callable:
    """``fn(bb, call)`` called with the C++ builder wrapped as a :class:`BlockBuilder`."""
    if not callable(fn):
        return fn  # the C++ side names the entry

    def legalize(impl, call):
        bb = BlockBuilder.__new__(BlockBuilder)
        bb._impl = impl
        # Inside a function being legalized: emit() and emit_te() may bind helper values.
        bb._func = {"name": "LegalizeOps"}
        return fn(bb, call)

    return legalize


def CanonicalizeBindings() -> Pass:  # noqa: N802
    """Remove the bindings that only rename a variable.

    ``y = x`` and match casts that check nothing (``y = R.match_cast(x, s)`` where ``x`` is
    already known to be ``s``) are removed and every use of ``y`` becomes a use of ``x``.
    When ``y`` is the output of a dataflow block and ``x`` a local of it, ``x`` is renamed
    ``y`` instead, so that the value stays visible after the block (when both have the same
    struct info; otherwise the binding stays, so that no use loses what it knows).

    Returns
    -------
    tessel.transform.Pass
        The pass.
    """
    return _transform.CanonicalizeBindings()


def DeadCodeElimination(entry_functions: Optional[List[str]] = None) -> Pass:  # noqa: N802
    """Remove unused bindings and unreachable functions.

    A binding is removed when its variable is never used and its value is pure: calls of
    operators declared pure (``FPurity``), of pure Relax functions, the cross-level calls,
    and values without calls. Match casts are checks and stay; blocks left empty go. Then
    the functions no entry reaches are removed.

    Parameters
    ----------
    entry_functions : list of str, optional
        The functions to keep with everything they call. By default the Relax functions
        with a ``"global_symbol"`` attribute (the public ones), or the Relax function
        ``"main"``; a module without Relax functions keeps all its functions.

    Returns
    -------
    tessel.transform.Pass
        The pass.

    Raises
    ------
    tessel.error.InvalidArgumentError
        (when the pass runs) when a named entry function is not in the module.
    """
    return _transform.DeadCodeElimination(entry_functions)


def FoldConstant() -> Pass:  # noqa: N802
    """Evaluate at compile time what depends only on constants.

    A ``call_tir`` whose tensor arguments are all constants and whose outputs have
    constant shapes is compiled (for this machine) and run; the call becomes the resulting
    :class:`~tessel.relax.Constant` (or a Tuple of them). Uses of variables bound to
    constants become the constants, and ``TupleGetItem`` of a tuple of known fields the
    field; :func:`DeadCodeElimination` then removes the dead bindings and kernels.

    Returns
    -------
    tessel.transform.Pass
        The pass.
    """
    return _transform.FoldConstant()


def BindParams(func_name: str, params: Dict[str, Any]) -> Pass:  # noqa: N802
    """Bind parameters of ``func_name`` to constant values (e.g. trained weights).

    Each bound parameter leaves the function's signature; its uses become a
    :class:`~tessel.relax.Constant`, so :func:`FoldConstant` can precompute what depends
    only on weights (such as the transposes of ``nn.Linear``).

    Parameters
    ----------
    func_name
        The Relax function.
    params
        Parameter name -> value (a numpy array, tessel Tensor or anything DLPack can share).

    Returns
    -------
    tessel.transform.Pass
        The pass; running it raises :class:`~tessel.error.InvalidArgumentError` for a name
        that is not a parameter or a value of another shape or dtype.
    """
    values = {name: _tensor(np.ascontiguousarray(value) if isinstance(value, np.ndarray) else value)
              for name, value in params.items()}
    return _transform.BindParams(func_name, values)


def AnnotateTIROpPattern() -> Pass:  # noqa: N802
    """Give every PrimFunc without an ``"op_pattern"`` attribute the fusion pattern kind
    its loops show (an int: 0 elementwise, 1 broadcast, 2 injective, 3 reduction,
    4 output-elementwise-fusable such as matmul, 8 opaque).

    Returns
    -------
    tessel.transform.Pass
        The pass.
    """
    return _transform.AnnotateTIROpPattern()


__all__ = ["LegalizeOps", "CanonicalizeBindings", "DeadCodeElimination", "FoldConstant",
           "BindParams", "AnnotateTIROpPattern", "DefaultTIRSchedule"]
