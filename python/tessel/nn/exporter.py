"""Export a :class:`~tessel.nn.Module` to an IRModule of Relax functions.

Each method named in the spec becomes one Relax function, built with a
:class:`tessel.relax.BlockBuilder` inside one dataflow block: its parameters are the
method's inputs (shaped by their specs), then every model parameter.
"""

from __future__ import annotations

import inspect
import re
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from .. import relax, tir
from ..error import InvalidArgumentError
from ..ir import IRModule
from . import spec as _spec
from .module import Module, Parameter


def export(module: Module,
           spec: Mapping[str, Mapping[str, Any]]) -> Tuple[IRModule, List[Tuple[str, Parameter]]]:
    """Build one Relax function per method named in ``spec``.

    A method becomes the function of the same name, except ``forward``, which becomes
    ``"main"``: the function :func:`tessel.relax.build`'s users, the C++ deploy example and
    :func:`tessel.torch.as_torch_module` call by default. The method runs once, with a
    Relax variable per input and each :class:`Parameter` standing for a function parameter,
    so its Python control flow is unrolled into the graph.

    Parameters
    ----------
    module : Module
        The model.
    spec : mapping of str to mapping of str to spec.Tensor
        Method name to its arguments' specs by name, e.g.
        ``{"forward": {"x": spec.Tensor(("n", 784), "float32")}}``. The names must be
        exactly the method's parameters; str dimensions are symbolic, shared by name
        across the arguments of one function.

    Returns
    -------
    (IRModule, list of (str, Parameter))
        The module, and the model's parameters by dotted name (``"fc1.weight"``) in the
        order every function takes them, after its inputs.

    Raises
    ------
    tessel.error.InvalidArgumentError
        When the spec names no method, a method the model lacks, or arguments that differ
        from the method's parameters; when an argument's spec is not a
        :class:`spec.Tensor`; or when a method returns something other than Relax
        expressions.
    tessel.error.TypeInferenceError
        When an operator in the method rejects its arguments.
    """
    if not isinstance(spec, Mapping) or not spec:
        raise InvalidArgumentError(
            "export: spec must map method names to their inputs, e.g. "
            "{'forward': {'x': spec.Tensor(('n', 784), 'float32')}}, found " + repr(spec))
    params = module.named_parameters()
    bb = relax.BlockBuilder()
    for method_name, inputs in spec.items():
        method = getattr(module, method_name, None) if isinstance(method_name, str) else None
        if not callable(method):
            raise InvalidArgumentError(
                f"export: {type(module).__name__} has no method {method_name!r}")
        if getattr(method, "__func__", None) is Module.forward:
            raise InvalidArgumentError(f"export: {type(module).__name__} defines no forward method")
        _build_function(bb, method_name, method, _ordered_inputs(method_name, method, inputs), params)
    return bb.get(), params


def _ordered_inputs(method_name: str, method: Any, inputs: Any) -> List[Tuple[str, _spec.Tensor]]:
    """The specs in the order of the method's parameters, after checking they match."""
    where = f"export: {method_name}"
    if not isinstance(inputs, Mapping):
        raise InvalidArgumentError(
            f"{where}: expected a mapping of argument name to spec.Tensor, found {inputs!r}")
    signature = inspect.signature(method).parameters.values()
    # Arguments are passed by name, which *args, **kwargs and positional-only ones cannot take.
    unnamed = [p.name for p in signature if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY)]
    if unnamed:
        raise InvalidArgumentError(
            f"{where}: cannot export a method with *args, **kwargs or positional-only arguments ({unnamed})")
    names = [p.name for p in signature]
    if sorted(names) != sorted(inputs):
        raise InvalidArgumentError(
            f"{where}: the spec names arguments {list(inputs)}, but {method_name} takes {names}")
    for name in names:
        if not isinstance(inputs[name], _spec.Tensor):
            raise InvalidArgumentError(
                f"{where}: argument {name!r} must be a spec.Tensor, found {inputs[name]!r}")
    return [(name, inputs[name]) for name in names]


def _param_var_name(name: str) -> str:
    """A parameter's dotted name as an identifier, so the printed function parses back."""
    ident = re.sub(r"\W", "_", name)
    return ident if ident[:1].isalpha() or ident[:1] == "_" else f"p_{ident}"


def _build_function(bb: relax.BlockBuilder, method_name: str, method: Any,
                    inputs: Sequence[Tuple[str, _spec.Tensor]],
                    params: Sequence[Tuple[str, Parameter]]) -> None:
    symbols: Dict[str, tir.Var] = {}
    input_vars = [relax.Var(name, s.struct_info(symbols)) for name, s in inputs]
    param_vars = [relax.Var(_param_var_name(name), relax.TensorStructInfo(list(p.shape), p.dtype))
                  for name, p in params]
    func_name = "main" if method_name == "forward" else method_name
    with bb.function(func_name, params=input_vars + param_vars):
        with bb.dataflow():
            for (_, param), var in zip(params, param_vars):
                param._expr = var
            try:
                kwargs = {name: var for (name, _), var in zip(inputs, input_vars)}
                result = _as_expr(method_name, method(**kwargs))
            finally:
                for _, param in params:
                    param._expr = None
            output = bb.emit_output(result)
        bb.emit_func_output(output)


def _as_expr(method_name: str, value: Any) -> relax.Expr:
    """The method's result as one Relax expression (a sequence becomes a Tuple)."""
    if isinstance(value, relax.Expr):
        return value
    if isinstance(value, (tuple, list)) and all(isinstance(v, relax.Expr) for v in value):
        return relax.Tuple(list(value))
    raise InvalidArgumentError(
        f"export: {method_name} returned {type(value).__name__}; expected a Relax expression "
        "or a tuple of them")


__all__ = ["export"]
