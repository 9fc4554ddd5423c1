"""Passes, pipelines, the context they run under, and the pass registry."""

from __future__ import annotations

from typing import Callable, List

from .._core import transform as _tr

PassInfo = _tr.PassInfo
Pass = _tr.Pass
ModulePass = _tr.ModulePass
FunctionPass = _tr.FunctionPass
Sequential = _tr.Sequential
PassContext = _tr.PassContext

for _cls in (PassInfo, Pass, ModulePass, FunctionPass, Sequential, PassContext):
    _cls.__module__ = "tessel.transform"


def get_pass(name: str) -> Pass:
    """Create the pass registered under a name.

    Parameters
    ----------
    name : str
        The registered name, such as ``"RemoveUnusedFunctions"``.

    Returns
    -------
    Pass
        A new instance of the pass.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When no pass has that name; the message suggests the closest registered names.
    """
    return _tr.get_pass(name)


def list_passes() -> List[str]:
    """The names of all registered passes, sorted.

    Returns
    -------
    list of str
        Built-in passes and those registered with :func:`register_pass`.
    """
    return list(_tr.list_passes())


def register_pass(name: str, factory: Callable[[], Pass] | None = None, override: bool = False):
    """Register a pass factory by name, so pipelines and ``required`` lists can find it.

    Usable as a call or as a decorator on the factory (or on a pass class made by
    :func:`module_pass` / :func:`function_pass`, whose instances are passes).

    Parameters
    ----------
    name : str
        The name :func:`get_pass` and ``required=[...]`` use.
    factory : callable, optional
        Called with no arguments, returns a :class:`Pass`.
    override : bool
        Whether to replace a pass already registered under the name.

    Returns
    -------
    callable
        ``factory`` itself (or, without it, a decorator that registers its argument).

    Raises
    ------
    tessel.error.InvalidArgumentError
        When the name is taken and ``override`` is false.

    Examples
    --------
    >>> @register_pass("MyNoop")
    ... @module_pass(opt_level=1)
    ... class MyNoop:
    ...     def transform_module(self, mod, ctx):
    ...         return mod
    >>> get_pass("MyNoop").info.opt_level
    1
    """

    def register(f: Callable[[], Pass]):
        _tr.register_pass(name, f, override)
        return f

    return register if factory is None else register(factory)
