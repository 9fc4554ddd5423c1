"""The layers of the quick start: Linear, ReLU and Sequential (named like PyTorch's, so a
PyTorch model's ``state_dict()`` loads into the same structure)."""

from __future__ import annotations

from typing import Any

from .. import relax
from ..relax import op
from .module import Module, Parameter, emit


class Linear(Module):
    """``y = x @ weight.T + bias``, on the last dimension of ``x``.

    Parameters
    ----------
    in_features : int
        The size of the last dimension of the input.
    out_features : int
        The size of the last dimension of the output.
    bias : bool
        Whether to add a learned bias.
    dtype : str
        The dtype of the parameters (and of the input).

    Attributes
    ----------
    weight : Parameter
        Shape ``(out_features, in_features)``, like ``torch.nn.Linear``.
    bias : Parameter or None
        Shape ``(out_features,)``.
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 dtype: str = "float32"):
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter((out_features, in_features), dtype)
        self.bias = Parameter((out_features,), dtype) if bias else None

    def forward(self, x: relax.Expr) -> relax.Var:
        """Emit the transposed weight, the matmul and the bias addition."""
        weight_t = emit(op.permute_dims(self.weight.expr, [1, 0]), "permute_dims")
        y = emit(op.matmul(x, weight_t), "matmul")
        if self.bias is not None:
            y = emit(op.add(y, self.bias.expr), "add")
        return y


class ReLU(Module):
    """``max(x, 0)`` elementwise."""

    def forward(self, x: relax.Expr) -> relax.Var:
        """Emit the relu."""
        return emit(op.nn.relu(x), "relu")


class Sequential(Module):
    """Modules applied one after another; the i-th is the attribute ``"i"``.

    Parameters
    ----------
    *modules : Module
        The modules, in order.
    """

    def __init__(self, *modules: Module):
        for i, module in enumerate(modules):
            setattr(self, str(i), module)

    def __len__(self) -> int:
        return len(list(self.named_children()))

    def __getitem__(self, index: int) -> Module:
        """The module at ``index`` (negative counts from the end)."""
        return [m for _, m in self.named_children()][index]

    def forward(self, x: Any) -> Any:
        """Pass ``x`` through every module in turn."""
        for _, module in self.named_children():
            x = module(x)
        return x


__all__ = ["Linear", "ReLU", "Sequential"]
