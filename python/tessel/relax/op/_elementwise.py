"""Makers of the elementwise operator wrappers, whose docstrings differ only in a few phrases."""

from __future__ import annotations

from typing import Callable

from ._make import make_call

# What each dtype class accepts, as (parameter description, what is rejected).
UNARY_DTYPES = {
    "numeric": ("A tensor of an integer or float dtype.", "When ``x`` is bool"),
    "float": ("A tensor of a float dtype.", "When ``x`` is not a float tensor"),
    "bool": ("A bool tensor.", "When ``x`` is not bool"),
    "any": ("A tensor of any dtype.", None),
}
BINARY_DTYPES = {
    "numeric": ("Tensors of one integer or float dtype.",
                "When ``x1`` or ``x2`` is bool, the dtypes differ or the shapes do not broadcast"),
    "float": ("Tensors of one float dtype.", "When ``x1`` or ``x2`` is not float, the dtypes "
              "differ or the shapes do not broadcast"),
    "bool": ("Bool tensors.", "When ``x1`` or ``x2`` is not bool, the dtypes differ or the "
             "shapes do not broadcast"),
    "any": ("Tensors of one dtype.", "When the dtypes differ or the shapes do not broadcast"),
}


def _docstring(summary: str, notes: str, params: str, accepts: str, result: str,
               rejects: str | None) -> str:
    doc = summary + ("\n\n" + notes if notes else "")
    doc += f"\n\nParameters\n----------\n{params} : tessel.relax.Expr\n    {accepts}"
    doc += f"\n\nReturns\n-------\ntessel.relax.Call\n    {result}"
    if rejects:
        doc += (f"\n\nRaises\n------\ntessel.error.TypeInferenceError\n    {rejects} (raised when "
                "the call is normalized).")
    return doc


def _named(func: Callable, name: str, module: str, doc: str) -> Callable:
    func.__name__ = func.__qualname__ = name
    func.__module__ = module
    func.__doc__ = doc
    return func


def unary(module: str, name: str, summary: str, dtypes: str = "numeric", bool_result: bool = False,
          notes: str = "") -> Callable:
    """The wrapper ``name(x)`` of operator ``relax.<name>``, documented from the phrases given."""
    accepts, rejects = UNARY_DTYPES[dtypes]
    result = (f"``relax.{name}``; its result is a bool tensor of ``x``'s shape." if bool_result
              else f"``relax.{name}``; its result is of ``x``'s shape and dtype.")

    def op(x):
        return make_call(f"relax.{name}", [x])

    return _named(op, name, module, _docstring(summary, notes, "x", accepts, result, rejects))


def binary(module: str, name: str, summary: str, dtypes: str = "numeric", bool_result: bool = False,
           notes: str = "") -> Callable:
    """The wrapper ``name(x1, x2)`` of operator ``relax.<name>`` (numpy broadcasting); the
    summary says what each element is, the docstring adds how they are paired."""
    summary += ", element by element with broadcasting."
    accepts, rejects = BINARY_DTYPES[dtypes]
    result = (f"``relax.{name}``; its result has the broadcast shape and is bool." if bool_result
              else f"``relax.{name}``; its result has the broadcast shape and is of the two "
                   "tensors' dtype.")

    def op(x1, x2):
        return make_call(f"relax.{name}", [x1, x2])

    return _named(op, name, module, _docstring(summary, notes, "x1, x2", accepts, result, rejects))
