"""Helpers for tests of IR: the round-trip property every IR test relies on."""

from typing import Any, Dict, Optional

from .ir import Object, assert_structural_equal
from .script import from_source


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
