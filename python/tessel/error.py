"""The exceptions tessel raises.

Every error comes from one family rooted at :class:`TesselError`. The C++ core raises
the class of the same name; messages say what was expected, what was found, and where.
"""


class TesselError(Exception):
    """The base class of every error tessel raises."""


class InternalError(TesselError):
    """A broken invariant inside tessel: a bug to report, never the user's fault."""


class InvalidArgumentError(TesselError, ValueError):
    """A value given to tessel is out of range, of the wrong kind, or unknown."""


class TypeInferenceError(TesselError, TypeError):
    """An operator's arguments have the wrong type, rank or shape."""


class ParseError(TesselError):
    """Script text or a serialized file is malformed.

    The message gives the source line and column, the offending line, and a caret
    under the offending text.
    """


class ScheduleError(TesselError):
    """A schedule primitive's precondition does not hold; the schedule is unchanged."""


class ExecutionError(TesselError, RuntimeError):
    """A compiled program failed at run time, for example on inputs of the wrong shape."""


__all__ = [
    "TesselError",
    "InternalError",
    "InvalidArgumentError",
    "TypeInferenceError",
    "ParseError",
    "ScheduleError",
    "ExecutionError",
]
