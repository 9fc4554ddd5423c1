"""Named pipelines: lookup, registration, and what "zero" and "default" do to a model."""

import doctest

import numpy as np
import pytest

import tessel
from tessel import ir, relax, te, tir, transform
from tessel.error import InvalidArgumentError

RNG = np.random.default_rng(0)


def dense_relu_module(weight):
    """main(x) = relu(x @ weight), x of symbolic rows, legalized-to-be with emit_te."""
    n = tir.Var("n", "int64")
    x = relax.Var("x", relax.TensorStructInfo([n, weight.shape[0]], "float32"))

    def matmul(a, b):
        k = te.reduce_axis((tir.const(0, "int64"), a.shape[1]), name="k")
        return te.compute((a.shape[0], b.shape[1]), lambda i, j: te.sum(a[i, k] * b[k, j], axis=k), name="mm")

    def relu(a):
        return te.compute(a.shape, lambda i, j: tir.max(a[i, j], tir.const(0.0, "float32")), name="relu")

    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            w = bb.emit(relax.const(weight))
            mm = bb.emit_te(matmul, x, w, primfunc_name_hint="matmul")
            alias = bb.emit(mm)
            out = bb.emit_output(bb.call_te(relu, alias, primfunc_name_hint="relu"))
        bb.emit_func_output(out)
    return bb.get()


def kernels(mod):
    return sorted(gv.name_hint for gv, func in mod.items() if isinstance(func, tir.PrimFunc))


def test_known_pipelines_and_unknown_names():
    assert {"zero", "default"} <= set(relax.list_pipelines())
    assert relax.get_pipeline("zero").info.name == "zero"
    assert [p.info.name for p in relax.get_pipeline("default").passes] == [
        "relax.LegalizeOps", "relax.FoldConstant", "relax.CanonicalizeBindings",
        "relax.DeadCodeElimination", "relax.DefaultTIRSchedule"]
    with pytest.raises(InvalidArgumentError, match="unknown pipeline 'fast'; known pipelines: .*default.*zero"):
        relax.get_pipeline("fast")


def test_register_pipeline_composes_with_user_passes():
    seen = []

    @transform.module_pass(opt_level=0)
    def record(mod, ctx):
        seen.append(len(mod.get_global_vars()))
        return mod

    @relax.register_pipeline("test_zero_then_record")
    def pipeline():
        return transform.Sequential([relax.get_pipeline("zero"), record], name="test_zero_then_record")

    out = relax.get_pipeline("test_zero_then_record")(dense_relu_module(np.ones((8, 4), np.float32)))
    assert seen == [3] and kernels(out) == ["matmul", "relu"]
    with pytest.raises(InvalidArgumentError, match="exists already"):
        relax.register_pipeline("test_zero_then_record")(pipeline)

    @relax.register_pipeline("test_not_a_pass")
    def broken():
        return 42

    with pytest.raises(InvalidArgumentError, match="returned int, not a Pass"):
        relax.get_pipeline("test_not_a_pass")


def test_zero_cleans_up_and_default_also_schedules():
    weight = RNG.standard_normal((64, 32), dtype=np.float32)
    mod = dense_relu_module(weight)
    zero = relax.get_pipeline("zero")(mod)
    default = relax.get_pipeline("default")(mod)
    for out in (zero, default):
        assert relax.analysis.well_formed(out)
        (binding_block,) = out["main"].body.blocks
        assert len(binding_block.bindings) == 2  # the constant and the alias are gone
    assert "T.parallel" not in zero["matmul"].script()
    assert "T.vectorized" in default["matmul"].script() and "T.vectorized" in default["relu"].script()

    x = RNG.standard_normal((9, 64), dtype=np.float32)
    mm = np.zeros((9, 32), np.float32)
    out = np.zeros((9, 32), np.float32)
    tessel.compile(ir.IRModule({"matmul": default["matmul"]}))["matmul"](x, weight, mm)
    tessel.compile(ir.IRModule({"relu": default["relu"]}))["relu"](mm, out)
    np.testing.assert_allclose(out, np.maximum(x @ weight, 0), rtol=1e-4, atol=1e-4)


def test_docstring_examples_run():
    from tessel.relax import analysis, default_schedule, pipeline
    from tessel.relax import transform as relax_transform

    for module in (analysis, default_schedule, pipeline, relax_transform):
        finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        for test in finder.find(module):
            runner.run(test)
        assert runner.summarize(verbose=False).failed == 0, module.__name__
