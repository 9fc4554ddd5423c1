"""tessel.torch.as_torch_module: zero-copy DLPack exchange, numerics vs PyTorch, errors."""

import numpy as np
import pytest
import torch

import tessel
from tessel import nn, relax
from tessel.error import ExecutionError, InvalidArgumentError
from tessel.torch import TorchModule, as_torch_module


class Passthrough(nn.Module):
    """Returns its input and its weight unchanged: what comes out is what went in."""

    def __init__(self):
        self.weight = nn.Parameter((3,), "float32")

    def forward(self, x):
        return x, self.weight.expr


def _torch_mlp():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))


def _compiled_mlp(ref):
    """The tessel twin of ``ref`` (same structure and values), exported and built."""
    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    model.load_state_dict(ref.state_dict())
    mod, params = model.export({"forward": {"x": nn.spec.Tensor(("n", 784), "float32")}})
    return relax.build(mod, target="llvm"), params


@pytest.fixture(scope="module")
def passthrough():
    model = Passthrough()
    model.weight.data = np.arange(3, dtype="float32")
    mod, params = model.export({"forward": {"x": nn.spec.Tensor(("n", 2), "float32")}})
    return relax.build(mod, target="llvm"), params


def test_inputs_outputs_and_params_are_not_copied(passthrough):
    exe, params = passthrough
    module = as_torch_module(exe, params=params)
    assert isinstance(module, torch.nn.Module) and isinstance(module, TorchModule)
    x = torch.randn(4, 2)
    y, w = module(x)
    assert isinstance(y, torch.Tensor) and y.data_ptr() == x.data_ptr()
    assert w.data_ptr() == params[0][1].data.ctypes.data
    np.testing.assert_array_equal(w.numpy(), [0, 1, 2])


def test_non_contiguous_and_grad_inputs(passthrough):
    exe, params = passthrough
    module = as_torch_module(relax.VirtualMachine(exe, tessel.cpu()), params=params)
    x = torch.randn(2, 4, requires_grad=True)
    y, _ = module(x.t())
    torch.testing.assert_close(y, x.detach().t(), rtol=0, atol=0)


@pytest.mark.parametrize("batch", [1, 7])
def test_mlp_matches_torch(batch):
    ref = _torch_mlp()
    exe, params = _compiled_mlp(ref)
    module = as_torch_module(exe, params=params)
    x = torch.randn(batch, 784)
    with torch.no_grad():
        expected = ref(x)
    torch.testing.assert_close(module(x), expected, rtol=1e-4, atol=1e-4)


def test_loaded_library_and_array_params(tmp_path):
    ref = _torch_mlp()
    exe, params = _compiled_mlp(ref)
    path = tmp_path / "mlp.so"
    exe.export_library(str(path))
    arrays = [p.detach() for p in ref.parameters()]  # torch tensors, bound without copying
    module = as_torch_module(tessel.runtime.load_module(str(path)), "main", params=arrays)
    x = torch.randn(3, 784)
    with torch.no_grad():
        torch.testing.assert_close(module(x), ref(x), rtol=1e-4, atol=1e-4)


def test_errors_name_the_problem(passthrough):
    exe, params = passthrough
    with pytest.raises(InvalidArgumentError, match="expected a relax.VirtualMachine.*found str"):
        as_torch_module("mlp.so")
    with pytest.raises(InvalidArgumentError, match="parameter 'weight' has no value"):
        as_torch_module(exe, params=[("weight", nn.Parameter((3,)))])
    with pytest.raises(InvalidArgumentError, match="nope"):
        as_torch_module(exe, name="nope", params=params)
    module = as_torch_module(exe, params=params)
    with pytest.raises(InvalidArgumentError, match="main: input 0 is a ndarray, expected a torch.Tensor"):
        module(np.zeros((4, 2), "float32"))
    with pytest.raises(ExecutionError, match="main"):
        module(torch.zeros(4, 3))  # the VM checks the shape of x against (n, 2)
    with pytest.raises(ExecutionError):
        module(torch.zeros(4, 2, dtype=torch.float64))
