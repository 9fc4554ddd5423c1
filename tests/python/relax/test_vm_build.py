"""relax.build and tessel.compile end to end: BlockBuilder modules of operators through the
named pipelines, the VM lowering and code generation; numerics vs numpy, symbolic and static
shapes (planned storage), tuples, export/load, and the errors for bad inputs."""

import numpy as np
import pytest

import tessel
from tessel import relax, tir
from tessel.error import ExecutionError, InvalidArgumentError

RNG = np.random.default_rng(0)


def symbolic_module():
    """main(x: (n, 4), y: (n, 4)) = exp((x + y) * (x + y)) - x."""
    n = tir.Var("n", "int64")
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([n, 4], "float32"))
    y = relax.Var("y", relax.TensorStructInfo([n, 4], "float32"))
    with bb.function("main", [x, y]):
        with bb.dataflow():
            a = bb.emit(relax.op.add(x, y))
            b = bb.emit(relax.op.multiply(a, a))
            out = bb.emit_output(relax.op.subtract(relax.op.exp(b), x))
        bb.emit_func_output(out)
    return bb.get()


def static_module():
    """main(x: (8, 16)) = (d, d + x) with d = -(exp(x + x) * x): storage is planned and reused."""
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([8, 16], "float32"))
    with bb.function("main", [x]):
        with bb.dataflow():
            a = bb.emit(relax.op.add(x, x))
            b = bb.emit(relax.op.exp(a))
            c = bb.emit(relax.op.multiply(b, x))
            d = bb.emit(relax.op.negative(c))
            out = bb.emit_output(relax.Tuple([d, relax.op.add(d, x)]))
        bb.emit_func_output(out)
    return bb.get()


@pytest.mark.parametrize("pipeline", ["zero", "default"])
def test_symbolic_shapes(pipeline):
    vm = relax.VirtualMachine(relax.build(symbolic_module(), "llvm", pipeline=pipeline), tessel.cpu())
    for rows in (1, 7):
        x = RNG.random((rows, 4), dtype="float32")
        y = RNG.random((rows, 4), dtype="float32")
        np.testing.assert_allclose(vm["main"](x, y).numpy(), np.exp((x + y) ** 2) - x, rtol=1e-5)
    with pytest.raises(ExecutionError, match=r"main: argument y \(n is argument x dimension 0\): "
                                             r"dimension 0 is 3, but expected 7"):
        vm["main"](x, np.zeros((3, 4), "float32"))
    with pytest.raises(ExecutionError, match="main: argument x: expected dtype float32, but found float64"):
        vm["main"](x.astype("float64"), y)
    with pytest.raises(InvalidArgumentError, match=r"main: expected 2 arguments \(x, y\), but got 1"):
        vm["main"](x)


def test_static_shapes_use_planned_storage(tmp_path):
    exe = tessel.compile(static_module())
    assert isinstance(exe, relax.Executable)
    assert "vm.builtin.alloc_storage" in exe.as_text()
    x = RNG.random((8, 16), dtype="float32")
    ref = -(np.exp(x + x) * x)
    d, e = relax.VirtualMachine(exe)["main"](x)
    np.testing.assert_allclose(d.numpy(), ref, rtol=1e-5)
    np.testing.assert_allclose(e.numpy(), ref + x, rtol=1e-5)
    with pytest.raises(ExecutionError, match="main: argument x: dimension 1 is 15, but expected 16"):
        relax.VirtualMachine(exe)["main"](np.zeros((8, 15), "float32"))

    exe.export_library(tmp_path / "static.so")
    loaded = relax.VirtualMachine(tessel.runtime.load_module(tmp_path / "static.so"))
    d2, e2 = loaded["main"](x)
    np.testing.assert_array_equal(d2.numpy(), d.numpy())
    np.testing.assert_array_equal(e2.numpy(), e.numpy())


def test_profile_after_build():
    vm = relax.VirtualMachine(relax.build(symbolic_module(), pipeline="zero"), profile=True)
    x = np.ones((2, 4), "float32")
    kernels = {e.name for e in vm.profile("main", x, x).entries if e.kind == "kernel"}
    assert {"add", "multiply", "exp", "subtract"} <= kernels


def test_build_arguments():
    with pytest.raises(InvalidArgumentError, match="relax.build: expected an IRModule"):
        relax.build(symbolic_module()["main"])
    with pytest.raises(InvalidArgumentError):
        relax.build(symbolic_module(), pipeline="no-such-pipeline")
    # A pass (or any callable) is accepted as the pipeline.
    exe = relax.build(static_module(), pipeline=relax.get_pipeline("zero"))
    assert exe.function_names() == ["main"]
