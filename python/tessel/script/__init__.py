"""The script form of IR: Python-syntax text that prints and parses back.

Dialects are imported as::

    from tessel.script import I, R, T   # ir, relax and tir

``x.script()`` prints any node; :func:`from_source` parses text back, and the
decorators ``@I.ir_module``, ``@T.prim_func`` and ``@R.function`` parse Python code in place.
"""

import importlib
from typing import Any, Dict, Optional

from .parser import Source

#: Dialect modules and the names scripts use for them.
_DIALECTS = {"I": "tessel.script.ir", "T": "tessel.script.tir", "R": "tessel.script.relax"}


def default_names() -> Dict[str, Any]:
    """The names every script sees: the dialects that are available."""
    names = {}
    for short, module in _DIALECTS.items():
        try:
            names[short] = importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:
                raise
    return names


def from_source(text: str, metadata: Optional[Dict[str, Any]] = None,
                file: str = "<string>") -> Any:
    """Parse script text, such as the output of ``x.script()``, back into IR.

    Parameters
    ----------
    text
        The script: one ``@I.ir_module`` class or one decorated function, optionally
        preceded by comments and imports.
    metadata
        The values that ``metadata["type key"][i]`` in the text refers to.
    file
        The name shown in error messages.

    Raises
    ------
    tessel.error.ParseError
        With the line and column of the offending text and a caret under it.
    """
    from .ir import parse

    return parse(Source(text, file), {"metadata": metadata or {}})


from . import ir as I, relax as R, tir as T  # noqa: E402,N812 (the names scripts use)

__all__ = ["from_source", "default_names", "I", "R", "T"]
