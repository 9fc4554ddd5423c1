"""Names in scope while parsing: nested frames of variables defined by the script."""

from contextlib import contextmanager
from typing import Any, Dict, List


class VarTable:
    """A stack of frames mapping names to values (IR variables, buffers, functions).

    A name defined in an inner frame hides the same name of outer frames until the
    inner frame ends.
    """

    def __init__(self):
        self._frames: List[Dict[str, Any]] = [{}]

    @contextmanager
    def frame(self):
        """A new innermost frame, dropped when the ``with`` block ends."""
        self._frames.append({})
        try:
            yield
        finally:
            self._frames.pop()

    def define(self, name: str, value: Any) -> None:
        """Bind ``name`` in the innermost frame."""
        self._frames[-1][name] = value

    def lookup(self, name: str) -> Any:
        """The innermost binding of ``name``; raises KeyError when unbound."""
        for frame in reversed(self._frames):
            if name in frame:
                return frame[name]
        raise KeyError(name)

    def __contains__(self, name: str) -> bool:
        return any(name in frame for frame in self._frames)
