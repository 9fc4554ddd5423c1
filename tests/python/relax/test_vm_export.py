"""Executable.export_library writes one shared object (kernels, bytecode, constants) that
tessel.runtime.load_module reads back for the VM; corrupt or truncated files raise."""

import os
import sys

import numpy as np
import pytest

import tessel
from tessel import ir, relax
from tessel.error import InvalidArgumentError

sys.path.insert(0, os.path.dirname(__file__))
from vm_testing import F32, FunctionWriter, add_scale_module, build, i64, kernel, s  # noqa: E402


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("vm") / "add_scale.so"
    build(add_scale_module()).export_library(path)
    return path


def test_round_trip(exported, tmp_path):
    mod = tessel.runtime.load_module(exported)
    assert mod.type_key == "relax.Executable"
    assert sorted(mod.function_names()) == ["add", "scale"]
    x = np.arange(8, dtype="float32").reshape(2, 4)
    out = np.empty_like(x)
    mod["add"](x, x, out)  # the kernels stay callable
    np.testing.assert_array_equal(out, x + x)

    vm = relax.VirtualMachine(mod, tessel.cpu())
    np.testing.assert_allclose(vm["main"](x, x).numpy(), (x + x) * 2)
    exe = relax.Executable(mod)
    assert exe.function_names() == ["main"]
    assert "call add(" in exe.as_text()
    exe.export_library(tmp_path / "copy.so")  # a loaded executable exports by copying
    again = relax.VirtualMachine(tessel.runtime.load_module(tmp_path / "copy.so"))
    np.testing.assert_allclose(again["main"](x, x).numpy(), (x + x) * 2)


def test_constants_travel_in_the_library(tmp_path):
    """A (1024, 4) float32 constant (16 KiB of arbitrary bytes) is embedded and read back."""
    bias = np.random.default_rng(1).standard_normal((1024, 4)).astype("float32")
    mod = ir.IRModule({"add": kernel("add", lambda a, b: a + b, 2)})
    x = relax.Var("x", F32)
    w = FunctionWriter()
    out = w.call("vm.builtin.empty", relax.ShapeExpr([1024, 4]), s("float32"), i64(0), name="out", sinfo=F32)
    w.call(mod.get_global_var("add"), x, relax.Constant(tessel.runtime.tensor(bias)), out)
    mod["main"] = w.finish([x], out, "main")
    build(mod).export_library(tmp_path / "const.so")
    vm = relax.VirtualMachine(tessel.runtime.load_module(tmp_path / "const.so"))
    x_np = np.ones((1024, 4), "float32")
    np.testing.assert_array_equal(vm["main"](x_np).numpy(), x_np + bias)


def test_corrupt_executable_in_library(exported, tmp_path):
    data = bytearray(exported.read_bytes())
    start = data.find(b"TSLVMEXE")
    assert start > 0
    data[start + 40] ^= 0x21
    bad = tmp_path / "corrupt.so"
    bad.write_bytes(bytes(data))
    with pytest.raises(InvalidArgumentError, match="bad embedded VM executable: corrupt VM executable: checksum"):
        tessel.runtime.load_module(bad)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_truncated_library(exported, tmp_path, fraction):
    data = exported.read_bytes()
    bad = tmp_path / "truncated.so"
    bad.write_bytes(data[:int(len(data) * fraction)])
    with pytest.raises(InvalidArgumentError, match="cannot load module"):
        tessel.runtime.load_module(bad)


def test_not_an_executable(tmp_path):
    kernels = tessel.compile(add_scale_module()["add"])
    kernels.export_library(tmp_path / "kernels.so")
    lib = tessel.runtime.load_module(tmp_path / "kernels.so")
    assert lib.type_key == "library"
    with pytest.raises(InvalidArgumentError, match="expected a 'relax.Executable' module, but found a 'library'"):
        relax.VirtualMachine(lib)
    with pytest.raises(InvalidArgumentError, match="expected an Executable or a tessel.runtime.Module"):
        relax.VirtualMachine("model.so")
    with pytest.raises(InvalidArgumentError, match="Executable: expected a 'relax.Executable' module"):
        relax.Executable(lib)
