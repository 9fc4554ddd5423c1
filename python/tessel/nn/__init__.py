"""tessel.nn: construct a model in Python and export it to an IRModule.

Layers are :class:`Module` s holding :class:`Parameter` s; ``model.export(spec)`` runs
their ``forward`` methods on Relax variables, building one Relax function per method with
the :class:`tessel.relax.BlockBuilder`, and returns the module and the parameters those
functions take after their inputs.

Example
-------
>>> from tessel import nn
>>> model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
>>> mod, params = model.export({"forward": {"x": nn.spec.Tensor(("n", 784), "float32")}})
>>> [name for name, _ in params]
['0.weight', '0.bias', '2.weight', '2.bias']
"""

from . import spec
from .module import Module, Parameter, emit
from .modules import Linear, ReLU, Sequential
from .exporter import export

__all__ = ["Module", "Parameter", "emit", "Linear", "ReLU", "Sequential", "spec", "export"]
