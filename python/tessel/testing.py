"""Helpers for tests and tutorials: the IR round trip, and the error a call raises."""

from typing import Any, Callable, Dict, Optional, Type, TypeVar

from .error import TesselError
from .ir import Object, assert_structural_equal
from .script import from_source

E = TypeVar("E", bound=BaseException)


def assert_roundtrip(node: Object, metadata: Optional[Dict[str, Any]] = None) -> Object:
    """Check that printing ``node`` and parsing the text gives an equal node.

    Returns the parsed node. On failure the error names the first differing path and
    shows the printed text.
    """
    text = node.script()
    parsed = from_source(text, metadata)
    try:
        assert_structural_equal(node, parsed)
    except Exception as err:
        raise AssertionError(f"round trip changed the IR:\n{err}\n--- printed ---\n{text}") from None
    return parsed


def expect_error(func: Callable[[], Any], error_type: Type[E] = TesselError) -> E:
    """Call ``func`` and return the error of type ``error_type`` it raises.

    Tutorials use it to show a failure and its message without a ``try`` of their own.
    An error of another type propagates unchanged.

    Parameters
    ----------
    func : callable
        Called with no arguments, e.g. ``lambda: sch.vectorize(k)``.
    error_type : type
        The exception class expected (a subclass of it also counts).

    Returns
    -------
    error_type
        The raised exception, for printing or inspecting.

    Raises
    ------
    AssertionError
        When ``func`` returns instead of raising.

    Example
    -------
    >>> from tessel.error import InvalidArgumentError
    >>> from tessel.testing import expect_error
    >>> def reject():
    ...     raise InvalidArgumentError("factor must be positive, found 0")
    >>> print(expect_error(reject, InvalidArgumentError))
    factor must be positive, found 0
    """
    try:
        func()
    except error_type as err:
        return err
    raise AssertionError(f"expected {error_type.__name__}, but the call returned normally")
