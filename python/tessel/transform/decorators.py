"""Decorators that turn Python functions and classes into passes."""

from __future__ import annotations

import functools
import inspect
from typing import Callable, List, Optional

from .pass_infra import FunctionPass, ModulePass


def _make_pass_class(cls: type, base: type, method: str, opt_level: int, name: str,
                     required: Optional[List[str]]) -> type:
    """A subclass of base whose instances wrap an instance of cls and run its method."""
    if not hasattr(cls, method):
        raise TypeError(f"{cls.__name__} must define {method}() to be a pass")

    class PyPass(base):
        def __init__(self, *args, **kwargs):
            inst = cls(*args, **kwargs)
            # The C++ pass holds the bound method, so the instance lives as long as the pass.
            base.__init__(self, getattr(inst, method), opt_level, name, required)
            self.__dict__["_inst"] = inst

        def __getattr__(self, attr):
            try:
                return base.__getattr__(self, attr)
            except AttributeError:
                inst = self.__dict__.get("_inst")
                if inst is None:
                    raise
                return getattr(inst, attr)

    functools.update_wrapper(PyPass.__init__, cls.__init__)
    PyPass.__name__ = cls.__name__
    PyPass.__qualname__ = cls.__qualname__
    PyPass.__doc__ = cls.__doc__
    PyPass.__module__ = cls.__module__
    return PyPass


def _decorate(pass_arg, opt_level, name, required, base, method):
    def create(arg):
        pass_name = name or arg.__name__
        if inspect.isclass(arg):
            return _make_pass_class(arg, base, method, opt_level, pass_name, required)
        if not callable(arg):
            raise TypeError(f"expected a function or a class, got {type(arg).__name__}")
        return base(arg, opt_level, pass_name, required)

    return create if pass_arg is None else create(pass_arg)


def module_pass(pass_func: Optional[Callable] = None, opt_level: int = 0,
                name: Optional[str] = None, required: Optional[List[str]] = None):
    """Make a :class:`ModulePass` from a function or a class.

    On a function ``f(mod, ctx) -> IRModule``, returns the pass. On a class with a
    method ``transform_module(self, mod, ctx) -> IRModule``, returns a class whose
    instances are passes (constructor arguments go to the decorated class).

    A pass must not modify the module it is given: build a new one (``mod.copy()``,
    ``mod.with_attr(...)``). An exception raised inside propagates unchanged to the
    caller of the pass, even through a :class:`Sequential`.

    Parameters
    ----------
    pass_func : callable or type, optional
        What to decorate; omitted when called with options, ``@module_pass(opt_level=1)``.
    opt_level : int
        The lowest :class:`PassContext` opt level at which the pass runs.
    name : str, optional
        The pass name; the function's or class's name by default.
    required : list of str, optional
        Registered passes to run before this one.

    Returns
    -------
    ModulePass or type or callable
        The pass, the pass class, or a decorator when ``pass_func`` is omitted.

    Examples
    --------
    >>> @module_pass(opt_level=1)
    ... def tag(mod, ctx):
    ...     return mod.with_attr("tagged", True)
    >>> tag.info.name, tag.info.opt_level
    ('tag', 1)
    """
    return _decorate(pass_func, opt_level, name, required, ModulePass, "transform_module")


def function_pass(pass_func: Optional[Callable] = None, opt_level: int = 0,
                  name: Optional[str] = None, required: Optional[List[str]] = None):
    """Make a :class:`FunctionPass` from a function or a class.

    On a function ``f(func, mod, ctx) -> BaseFunc``, returns the pass. On a class with a
    method ``transform_function(self, func, mod, ctx) -> BaseFunc``, returns a class
    whose instances are passes. It is called on every function of the module and
    returns ``func`` itself for functions it does not handle; only changed functions
    are replaced in the result.

    Parameters
    ----------
    pass_func : callable or type, optional
        What to decorate; omitted when called with options.
    opt_level : int
        The lowest :class:`PassContext` opt level at which the pass runs.
    name : str, optional
        The pass name; the function's or class's name by default.
    required : list of str, optional
        Registered passes to run before this one.

    Returns
    -------
    FunctionPass or type or callable
        The pass, the pass class, or a decorator when ``pass_func`` is omitted.
    """
    return _decorate(pass_func, opt_level, name, required, FunctionPass, "transform_function")
