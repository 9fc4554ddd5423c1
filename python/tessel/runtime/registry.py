"""The global function registry: functions shared by name between Python and C++."""

from __future__ import annotations

from typing import Callable, List, Optional

from .._core import runtime as _rt

PackedFunc = _rt.PackedFunc
PackedFunc.__module__ = "tessel.runtime"


def register_func(name: str, f: Optional[Callable] = None, override: bool = False):
    """Register a Python function under a global name, callable from C++ too.

    Use it directly, ``register_func("demo.add", add)``, or as a decorator,
    ``@register_func("demo.add")``.

    Parameters
    ----------
    name : str
        The global name.
    f : callable, optional
        The function; omitted in the decorator form.
    override : bool
        Replace a function already registered under ``name`` instead of failing.

    Returns
    -------
    PackedFunc or callable
        The registered PackedFunc, or (decorator form) a decorator that registers and
        returns the function unchanged.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When ``name`` is taken and ``override`` is false.
    """
    if f is None:

        def decorator(func: Callable) -> Callable:
            _rt.register_func(name, func, override)
            return func

        return decorator
    return _rt.register_func(name, f, override)


def get_global_func(name: str, allow_missing: bool = False) -> Optional[PackedFunc]:
    """The function registered under ``name`` (from C++ or Python).

    Parameters
    ----------
    name : str
        The global name.
    allow_missing : bool
        Return None instead of raising when nothing is registered under ``name``.

    Returns
    -------
    PackedFunc or None
        The function.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When nothing is registered under ``name`` and ``allow_missing`` is false.
    """
    return _rt.get_global_func(name, allow_missing)


def list_global_func_names() -> List[str]:
    """The names of all registered global functions, sorted.

    Returns
    -------
    list of str
        The names.
    """
    return list(_rt.list_global_func_names())
