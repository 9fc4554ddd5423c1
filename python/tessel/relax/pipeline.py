"""Named pipelines: the lists of passes a build runs before lowering to the VM.

``relax.get_pipeline(name)`` returns a pipeline by name; ``relax.register_pipeline(name)``
adds one. The standard pipelines are written out here, one function each:

* ``"zero"``: legalize operators, fold constants, canonicalize bindings, remove dead code;
* ``"default"``: the same, then the default schedule of every tensor program for this CPU.

Example
-------
>>> from tessel import relax, transform
>>> @relax.register_pipeline("zero_timed")
... def zero_timed():
...     return transform.Sequential([relax.get_pipeline("zero")], name="zero_timed")
>>> relax.get_pipeline("zero_timed").info.name
'zero_timed'
"""

from __future__ import annotations

from typing import Callable, Dict, List

from ..error import InvalidArgumentError
from ..transform import Pass, Sequential
from . import transform

_PIPELINES: Dict[str, Callable[[], Pass]] = {}


def register_pipeline(name: str) -> Callable[[Callable[[], Pass]], Callable[[], Pass]]:
    """Register a pipeline under a name (a decorator of a function returning a Pass).

    Parameters
    ----------
    name : str
        The name :func:`get_pipeline` finds it by.

    Returns
    -------
    callable
        The decorator; it returns the function unchanged.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When a pipeline of that name exists already.
    """
    if name in _PIPELINES:
        raise InvalidArgumentError(f"register_pipeline: a pipeline named {name!r} exists already")

    def register(factory: Callable[[], Pass]) -> Callable[[], Pass]:
        if not callable(factory):
            raise InvalidArgumentError(f"register_pipeline({name!r}): expected a function returning a Pass")
        _PIPELINES[name] = factory
        return factory

    return register


def get_pipeline(name: str = "zero") -> Pass:
    """The pipeline registered under a name.

    Parameters
    ----------
    name : str
        ``"zero"``, ``"default"``, or a name given to :func:`register_pipeline`.

    Returns
    -------
    tessel.transform.Pass
        A new instance of the pipeline.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When no pipeline has that name; the message lists the known ones.
    """
    if name not in _PIPELINES:
        raise InvalidArgumentError(
            f"get_pipeline: unknown pipeline {name!r}; known pipelines: {', '.join(list_pipelines())}")
    pipeline = _PIPELINES[name]()
    if not isinstance(pipeline, Pass):
        raise InvalidArgumentError(
            f"get_pipeline: pipeline {name!r} returned {type(pipeline).__name__}, not a Pass")
    return pipeline


def list_pipelines() -> List[str]:
    """The names of the registered pipelines, sorted.

    Returns
    -------
    list of str
        The names.
    """
    return sorted(_PIPELINES)


@register_pipeline("zero")
def zero_pipeline() -> Pass:
    """Legalize every operator into tensor programs and clean up; nothing is scheduled.

    Returns
    -------
    tessel.transform.Pass
        ``LegalizeOps``, ``FoldConstant``, ``CanonicalizeBindings``, ``DeadCodeElimination``.
    """
    return Sequential([
        transform.LegalizeOps(),
        transform.FoldConstant(),
        transform.CanonicalizeBindings(),
        transform.DeadCodeElimination(),
    ], name="zero")


@register_pipeline("default")
def default_pipeline() -> Pass:
    """The ``"zero"`` passes, then a schedule of every tensor program for this CPU.

    Returns
    -------
    tessel.transform.Pass
        ``LegalizeOps``, ``FoldConstant``, ``CanonicalizeBindings``, ``DeadCodeElimination``,
        ``DefaultTIRSchedule``.
    """
    return Sequential([
        transform.LegalizeOps(),
        transform.FoldConstant(),
        transform.CanonicalizeBindings(),
        transform.DeadCodeElimination(),
        transform.DefaultTIRSchedule(),
    ], name="default")


__all__ = ["get_pipeline", "register_pipeline", "list_pipelines"]
