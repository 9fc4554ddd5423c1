"""Building operator calls: the one constructor every Python operator wrapper uses."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ..._core import relax as _relax
from ...ir import Op


def make_call(op_name: str, args: Sequence[Any], attrs: Optional[dict] = None,
              sinfo_args: Optional[Sequence[Any]] = None) -> Any:
    """A call of the registered operator ``op_name`` (not normalized: the BlockBuilder infers it).

    Parameters
    ----------
    op_name
        The operator, e.g. ``"relax.add"``.
    args
        The arguments (Relax expressions).
    attrs
        Attributes; values are numbers, strings, lists of them, or IR nodes. Entries whose
        value is None are left out.
    sinfo_args
        Struct info arguments, such as a declared result.
    """
    attrs = {k: v for k, v in (attrs or {}).items() if v is not None}
    return _relax.Call(Op.get(op_name), list(args), attrs, list(sinfo_args or []))


def legalize_call(bb: Any, call: Any) -> Any:
    """The legalization (``FLegalize``) of one normalized operator call, built in ``bb``."""
    return _relax.legalize_call(bb._impl, call)


__all__ = ["make_call", "legalize_call"]
