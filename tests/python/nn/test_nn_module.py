"""tessel.nn: parameters, export to Relax (structure, names, errors) and numerics vs numpy."""

import doctest

import numpy as np
import pytest

import tessel
from tessel.testing import assert_roundtrip
from tessel import nn, relax, tir
from tessel.error import InvalidArgumentError, TypeInferenceError


class MLP(nn.Module):
    def __init__(self, sizes=(784, 128, 10)):
        self.fc1 = nn.Linear(sizes[0], sizes[1])
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(sizes[1], sizes[2])

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


def _random_params(model, seed=0):
    rng = np.random.default_rng(seed)
    for _, p in model.named_parameters():
        p.data = rng.standard_normal(p.shape).astype(p.dtype) * 0.1


def _reference(model, x):
    """numpy's MLP with the model's parameter values."""
    w = model.state_dict()
    h = np.maximum(x @ w["fc1.weight"].T + w["fc1.bias"], 0)
    return h @ w["fc2.weight"].T + w["fc2.bias"]


def _ops(func):
    """The operator names called in a function's bindings, in order."""
    return [b.value.op.name for block in func.body.blocks for b in block.bindings
            if isinstance(b.value, relax.Call)]


SPEC = {"forward": {"x": nn.spec.Tensor(("n", 784), "float32")}}


def _scale(x, name_hint="scaled"):
    """Emit a call of a runtime function returning a tensor like ``x``: a graph that needs no
    operator, so these tests check the exporter alone."""
    return nn.emit(relax.op.call_pure_packed("test.scale", x, sinfo_args=x.struct_info_), name_hint)


def test_spec_tensor_validates():
    t = nn.spec.Tensor(("n", 784), "float16")
    assert t.shape == ("n", 784) and t.dtype == "float16"
    n = tir.Var("n", "int64")
    sinfo = nn.spec.Tensor(("n", "n", 3)).struct_info({"n": n})
    assert sinfo.shape.values[0].same_as(n) and sinfo.shape.values[1].same_as(n)
    with pytest.raises(InvalidArgumentError, match="dimension 1 is -3"):
        nn.spec.Tensor((2, -3))
    with pytest.raises(InvalidArgumentError, match="dimension 0 is 'a b'"):
        nn.spec.Tensor(("a b",))
    with pytest.raises(InvalidArgumentError, match="sequence"):
        nn.spec.Tensor(784)
    with pytest.raises(InvalidArgumentError, match="floaty32"):
        nn.spec.Tensor((1,), "floaty32")


def test_parameter_value_is_checked():
    p = nn.Parameter((2, 3), "float32")
    assert p.data is None
    p.data = np.ones((2, 3), "float32")
    assert p.data.shape == (2, 3)
    with pytest.raises(InvalidArgumentError, match=r"shape \(3, 2\).*\(2, 3\)"):
        p.data = np.ones((3, 2), "float32")
    with pytest.raises(InvalidArgumentError, match="dtype float64"):
        p.data = np.ones((2, 3))
    with pytest.raises(InvalidArgumentError, match="non-negative"):
        nn.Parameter((2, -1))
    with pytest.raises(InvalidArgumentError, match="only an expression while"):
        p.expr  # noqa: B018 (the property raises)


def test_parameter_names_follow_attributes():
    model = MLP()
    assert [n for n, _ in model.named_parameters()] == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert model.fc1.weight.shape == (128, 784) and model.fc1.bias.shape == (128,)
    assert nn.Linear(4, 2, bias=False).named_parameters()[0][0] == "weight"
    seq = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    assert [n for n, _ in seq.named_parameters()] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert len(seq) == 3 and seq[-1] is seq[2] and isinstance(seq[1], nn.ReLU)

    class Tied(nn.Module):
        def __init__(self):
            self.a = nn.Linear(4, 4)
            self.b = self.a

    assert len(Tied().parameters()) == 2  # shared parameters are listed once


def test_load_state_dict_from_torch():
    import torch

    ref = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    seq = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    seq.load_state_dict(ref.state_dict())
    np.testing.assert_array_equal(seq.state_dict()["2.weight"], ref[2].weight.detach().numpy())
    seq[0].weight.data = ref[0].weight  # a trainable torch parameter is detached
    assert seq[0].weight.data.shape == (3, 4)


def test_load_state_dict_errors_change_nothing():
    model = nn.Linear(4, 2)
    with pytest.raises(InvalidArgumentError, match=r"missing \['bias'\], unexpected \['b'\]"):
        model.load_state_dict({"weight": np.zeros((2, 4), "float32"), "b": 0})
    with pytest.raises(InvalidArgumentError, match="bias: .*shape"):
        model.load_state_dict({"weight": np.zeros((2, 4), "float32"), "bias": np.zeros(3, "float32")})
    assert model.weight.data is None


def test_export_structure():
    model = MLP()
    mod, params = model.export(SPEC)
    assert [n for n, _ in params] == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert params[0][1] is model.fc1.weight
    func = mod["main"]
    assert isinstance(func, relax.Function)
    assert [p.name_hint for p in func.params] == ["x", "fc1_weight", "fc1_bias", "fc2_weight", "fc2_bias"]
    x = func.params[0].struct_info_
    assert x.dtype == "float32" and isinstance(x.shape.values[0], tir.Var)
    assert x.shape.values[0].name_hint == "n" and int(x.shape.values[1]) == 784
    assert func.params[1].struct_info_.shape.values[0].value == 128
    assert len(func.body.blocks) == 1 and isinstance(func.body.blocks[0], relax.DataflowBlock)
    assert _ops(func) == ["relax.permute_dims", "relax.matmul", "relax.add", "relax.nn.relu",
                          "relax.permute_dims", "relax.matmul", "relax.add"]
    out = func.body.body.struct_info_
    assert out.dtype == "float32" and out.shape.values[0].same_as(x.shape.values[0])
    assert int(out.shape.values[1]) == 10
    assert not isinstance(func.body.body, relax.DataflowVar)
    assert relax.analysis.well_formed(mod)


def test_export_prints_and_parses_back():
    mod, _ = MLP().export(SPEC)
    text = mod.script()
    assert "def main(x: R.Tensor((n, 784), dtype=\"float32\"), fc1_weight: R.Tensor((128, 784)" in text
    assert "with R.dataflow():" in text
    assert_roundtrip(mod)


def test_export_several_methods_and_tuple_results():
    class TwoHeads(nn.Module):
        def __init__(self):
            self.weight = nn.Parameter((4,))

        def forward(self, x, y):
            return _scale(x), _scale(y), self.weight.expr

        def project(self, x):
            return _scale(x)

    spec = {"forward": {"y": nn.spec.Tensor(("b", 4)), "x": nn.spec.Tensor(("b", 4))},
            "project": {"x": nn.spec.Tensor((2, 4))}}
    mod, params = TwoHeads().export(spec)
    main, project = mod["main"], mod["project"]
    # Inputs in the method's order, whatever the spec's order; one symbolic "b" for both.
    assert [p.name_hint for p in main.params] == ["x", "y", "weight"]
    bx, by = (p.struct_info_.shape.values[0] for p in main.params[:2])
    assert bx.same_as(by)
    assert isinstance(main.body.body.struct_info_, relax.TupleStructInfo)
    assert len(main.body.body.struct_info_.fields) == 3
    assert isinstance(main.body.blocks[0], relax.DataflowBlock)
    assert [p.name_hint for p in project.params] == ["x", "weight"]
    assert int(project.params[0].struct_info_.shape.values[0]) == 2
    assert [n for n, _ in params] == ["weight"]


def test_keyword_only_arguments():
    class Masked(nn.Module):
        def forward(self, x, *, mask):
            return _scale(mask)

    spec = {"forward": {"mask": nn.spec.Tensor((2, 4)), "x": nn.spec.Tensor((2, 4))}}
    mod, params = Masked().export(spec)
    assert [p.name_hint for p in mod["main"].params] == ["x", "mask"] and params == []


def test_sequential_parameters_become_identifiers():
    class Scale(nn.Module):
        def __init__(self):
            self.weight = nn.Parameter((4,))

        def forward(self, x):
            return _scale(x)

    mod, params = nn.Sequential(Scale(), Scale()).export({"forward": {"x": nn.spec.Tensor((1, 4))}})
    assert [n for n, _ in params] == ["0.weight", "1.weight"]
    assert [p.name_hint for p in mod["main"].params] == ["x", "p_0_weight", "p_1_weight"]


def test_export_errors_name_the_problem():
    model = MLP()
    x = nn.spec.Tensor(("n", 784))
    with pytest.raises(InvalidArgumentError, match=r"spec names arguments \['y'\], but forward takes \['x'\]"):
        model.export({"forward": {"y": x}})
    with pytest.raises(InvalidArgumentError, match=r"spec names arguments \['x', 'z'\]"):
        model.export({"forward": {"x": x, "z": x}})
    with pytest.raises(InvalidArgumentError, match="has no method 'backward'"):
        model.export({"backward": {"x": x}})
    with pytest.raises(InvalidArgumentError, match="must map method names"):
        model.export({"x": x}.values())
    with pytest.raises(InvalidArgumentError, match="argument 'x' must be a spec.Tensor"):
        model.export({"forward": {"x": (1, 784)}})
    with pytest.raises(InvalidArgumentError, match="expected a mapping of argument name"):
        model.export({"forward": [x]})

    class Bad(nn.Module):
        def forward(self, x):
            return 3

        def many(self, *xs):
            return xs[0]

    with pytest.raises(InvalidArgumentError, match="forward returned int"):
        Bad().export({"forward": {"x": x}})
    with pytest.raises(InvalidArgumentError, match=r"\*args, \*\*kwargs or positional-only"):
        Bad().export({"many": {"xs": x}})
    with pytest.raises(InvalidArgumentError, match="defines no forward"):
        nn.Module().export({"forward": {}})
    # A parameter is an expression only during its export, also when the export failed.
    assert model.fc1.weight._expr is None


def test_operator_errors_surface_at_export():
    with pytest.raises(TypeInferenceError, match="relax.matmul"):
        MLP().export({"forward": {"x": nn.spec.Tensor(("n", 100))}})
    with pytest.raises(TypeInferenceError, match="relax.add|relax.matmul"):
        MLP().export({"forward": {"x": nn.spec.Tensor(("n", 784), "float16")}})


def test_emit_outside_export():
    with pytest.raises(InvalidArgumentError, match="inside Module.export"):
        _scale(relax.Var("x", relax.TensorStructInfo([2], "float32")))


@pytest.mark.parametrize("batch", [1, 5])
def test_numerics_vs_numpy(batch):
    model = MLP()
    _random_params(model)
    mod, params = model.export(SPEC)
    vm = relax.VirtualMachine(relax.build(mod, target="llvm"), tessel.cpu())
    x = np.random.default_rng(1).standard_normal((batch, 784)).astype("float32")
    out = vm["main"](x, *[p.data for _, p in params])
    np.testing.assert_allclose(out.numpy(), _reference(model, x), rtol=1e-4, atol=1e-4)


def test_docstring_examples_run():
    from tessel.nn import spec

    runner = doctest.DocTestRunner()
    for module in (nn, spec):
        for test in doctest.DocTestFinder().find(module, globs={}):
            runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
