"""Input specs for :meth:`tessel.nn.Module.export`: the shape and dtype of each argument.

A dimension is an ``int`` (static) or a ``str`` (symbolic): every dimension with the same
name, in any argument of one exported function, is the same ``tir.Var`` of dtype int64.
"""

from __future__ import annotations

from typing import Dict, Sequence, Union

from .. import relax, tir
from ..error import InvalidArgumentError, TesselError

Dim = Union[int, str]


class Tensor:
    """The spec of a tensor argument.

    Parameters
    ----------
    shape : sequence of int or str
        One entry per dimension: a non-negative int, or the name of a symbolic dimension
        (a Python identifier such as ``"n"``).
    dtype : str
        The element type, such as ``"float32"``.

    Raises
    ------
    tessel.error.InvalidArgumentError
        For a dimension that is neither a non-negative int nor an identifier, or an
        unknown dtype.

    Examples
    --------
    >>> from tessel.nn import spec
    >>> spec.Tensor(("n", 784), "float32")
    spec.Tensor(('n', 784), 'float32')
    """

    def __init__(self, shape: Sequence[Dim], dtype: str = "float32"):
        if isinstance(shape, (str, int)) or not isinstance(shape, Sequence):
            raise InvalidArgumentError(
                f"spec.Tensor: shape must be a sequence of int or str, found {shape!r}")
        for i, dim in enumerate(shape):
            valid_int = isinstance(dim, int) and not isinstance(dim, bool) and dim >= 0
            if not (valid_int or (isinstance(dim, str) and dim.isidentifier())):
                raise InvalidArgumentError(
                    f"spec.Tensor: dimension {i} is {dim!r}; expected a non-negative int "
                    "or the name of a symbolic dimension")
        self.shape = tuple(shape)
        self.dtype = dtype
        try:  # the struct info constructor is where dtypes are validated
            relax.TensorStructInfo([d if isinstance(d, int) else 0 for d in shape], dtype)
        except TesselError as err:
            raise InvalidArgumentError(f"spec.Tensor: {err}") from None

    def struct_info(self, symbols: Dict[str, tir.Var]) -> relax.TensorStructInfo:
        """The struct info of this spec, its symbolic dimensions taken from (and added to)
        ``symbols``.

        Parameters
        ----------
        symbols : dict of str to tir.Var
            The symbolic dimensions of the function being exported, by name.

        Returns
        -------
        relax.TensorStructInfo
            The shape and dtype of the argument.
        """
        dims = []
        for dim in self.shape:
            if isinstance(dim, str):
                dim = symbols.setdefault(dim, tir.Var(dim, "int64"))
            dims.append(dim)
        return relax.TensorStructInfo(dims, self.dtype)

    def __repr__(self) -> str:
        return f"spec.Tensor({self.shape!r}, {self.dtype!r})"


__all__ = ["Tensor"]
