"""Module and Parameter: a model as a tree of modules holding named weights.

A :class:`Module`'s ``forward`` computes with Relax expressions: while the model is
exported (:meth:`Module.export`), every :class:`Parameter` stands for a parameter of the
Relax function being built, and :func:`emit` binds each operator call in its dataflow block.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .. import relax
from ..error import InvalidArgumentError, TesselError


class Parameter:
    """A weight of a model: its shape and dtype, and optionally its value.

    Parameters
    ----------
    shape : sequence of int
        The static shape.
    dtype : str
        The element type.

    Attributes
    ----------
    shape : tuple of int
        The shape.
    dtype : str
        The element type.
    data : numpy.ndarray or None
        The value; assigning checks shape and dtype (any array-like is converted, torch
        tensors are detached first).

    Raises
    ------
    tessel.error.InvalidArgumentError
        For a negative or non-int dimension or an unknown dtype.
    """

    def __init__(self, shape: Sequence[int], dtype: str = "float32"):
        if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape):
            raise InvalidArgumentError(
                f"Parameter: shape must be non-negative ints, found {tuple(shape)!r}")
        try:  # the struct info constructor is where dtypes are validated
            relax.TensorStructInfo(list(shape), dtype)
        except TesselError as err:
            raise InvalidArgumentError(f"Parameter: {err}") from None
        self.shape = tuple(shape)
        self.dtype = dtype
        self._data: Optional[np.ndarray] = None
        self._expr: Optional[relax.Expr] = None

    @property
    def data(self) -> Optional[np.ndarray]:
        """The value, or None when not set."""
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        if value is None:
            self._data = None
            return
        if hasattr(value, "detach"):  # a torch tensor, maybe a trainable parameter
            value = value.detach().cpu()
        try:
            array = np.asarray(value)
        except (TypeError, ValueError, RuntimeError) as err:
            raise InvalidArgumentError(
                f"Parameter: cannot convert a {type(value).__name__} to an array: {err}") from None
        if array.shape != self.shape:
            raise InvalidArgumentError(
                f"Parameter: value has shape {array.shape}, but the parameter has {self.shape}")
        if str(array.dtype) != self.dtype:
            raise InvalidArgumentError(
                f"Parameter: value has dtype {array.dtype}, but the parameter has {self.dtype}")
        self._data = np.ascontiguousarray(array)

    @property
    def expr(self) -> relax.Expr:
        """The Relax variable standing for this parameter in the function being exported.

        Raises
        ------
        tessel.error.InvalidArgumentError
            Outside :meth:`Module.export`.
        """
        if self._expr is None:
            raise InvalidArgumentError(
                f"Parameter{self.shape} is only an expression while its module is exported "
                "(Module.export)")
        return self._expr

    def __repr__(self) -> str:
        return f"Parameter({self.shape}, {self.dtype!r})"


class Module:
    """The base class of models and layers.

    Subclasses assign :class:`Parameter` s and sub-modules as attributes in ``__init__``
    and define ``forward``, which takes and returns
    Relax expressions and builds them with :mod:`tessel.relax.op` calls passed to
    :func:`emit`. Parameters are named by their attribute path, ``"fc1.weight"``, in the
    order they were assigned.
    """

    def forward(self, *args: relax.Expr) -> Any:
        """The computation; subclasses define it.

        Raises
        ------
        tessel.error.InvalidArgumentError
            When the subclass defines no ``forward``.
        """
        raise InvalidArgumentError(f"{type(self).__name__} defines no forward method")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def named_children(self) -> Iterator[Tuple[str, "Module"]]:
        """The direct sub-modules with their attribute names, in assignment order."""
        for name, value in vars(self).items():
            if isinstance(value, Module):
                yield name, value

    def named_parameters(self, prefix: str = "") -> List[Tuple[str, Parameter]]:
        """Every parameter of this module and its sub-modules, with its dotted name.

        A parameter reachable under two names is listed once, under the first.

        Parameters
        ----------
        prefix : str
            Prepended (with a dot) to every name.

        Returns
        -------
        list of (str, Parameter)
            In assignment order, depth first.
        """
        found: List[Tuple[str, Parameter]] = []
        seen = set()

        def visit(module: Module, path: str) -> None:
            for name, value in vars(module).items():
                full = f"{path}.{name}" if path else name
                if isinstance(value, Parameter) and id(value) not in seen:
                    seen.add(id(value))
                    found.append((full, value))
                elif isinstance(value, Module):
                    visit(value, full)

        visit(self, prefix)
        return found

    def parameters(self) -> List[Parameter]:
        """Every parameter, in the order of :meth:`named_parameters`."""
        return [p for _, p in self.named_parameters()]

    def state_dict(self) -> Dict[str, Optional[np.ndarray]]:
        """The value of every parameter by name (None where not set)."""
        return {name: p.data for name, p in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Set every parameter's value from a mapping of name to array.

        A PyTorch model's ``state_dict()`` works as is when the names agree.

        Parameters
        ----------
        state : mapping of str to array_like
            One value per parameter name.

        Raises
        ------
        tessel.error.InvalidArgumentError
            Naming the missing and unexpected names, or the parameter whose value has the
            wrong shape or dtype; no parameter is changed then.
        """
        params = dict(self.named_parameters())
        missing = [n for n in params if n not in state]
        unexpected = [n for n in state if n not in params]
        if missing or unexpected:
            raise InvalidArgumentError(
                f"load_state_dict: missing {missing}, unexpected {unexpected}")
        checked = {}
        for name, param in params.items():
            scratch = Parameter(param.shape, param.dtype)
            try:
                scratch.data = state[name]
            except InvalidArgumentError as err:
                raise InvalidArgumentError(f"load_state_dict: {name}: {err}") from None
            checked[name] = scratch.data
        for name, param in params.items():
            param.data = checked[name]

    def export(self, spec: Mapping[str, Mapping[str, Any]]) -> Tuple[Any, List[Tuple[str, Parameter]]]:
        """Build the Relax functions of this model; see :func:`tessel.nn.exporter.export`.

        Parameters
        ----------
        spec : mapping of str to mapping of str to spec.Tensor
            Method name to its arguments' specs, e.g.
            ``{"forward": {"x": spec.Tensor(("n", 784), "float32")}}``.

        Returns
        -------
        (IRModule, list of (str, Parameter))
            The module, and the parameters each function takes after its inputs.
        """
        from .exporter import export

        return export(self, spec)


def emit(expr: relax.Expr, name_hint: str = "") -> relax.Var:
    """Bind ``expr`` in the function being exported and return its variable.

    Parameters
    ----------
    expr : relax.Expr
        Usually an operator call, ``relax.op.add(x, y)``.
    name_hint : str
        The variable's name; made unique by the printer.

    Returns
    -------
    relax.Var
        A dataflow variable with ``expr``'s inferred struct info.

    Raises
    ------
    tessel.error.InvalidArgumentError
        Outside :meth:`Module.export`.
    tessel.error.TypeInferenceError
        When the operator rejects its arguments.
    """
    bb = relax.BlockBuilder.current()
    if bb is None:
        raise InvalidArgumentError("nn.emit: no function is being built; call modules "
                                   "inside Module.export")
    return bb.emit(expr, name_hint)


__all__ = ["Module", "Parameter", "emit"]
