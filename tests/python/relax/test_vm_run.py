"""The VM on hand-lowered Relax functions: kernels called by GlobalVar, builtins, tuples, if,
calls between Relax functions, constants, shapes, registered functions; numerics vs numpy and
the errors for bad inputs and unlowered IR."""

import os
import sys

import numpy as np
import pytest

import tessel
from tessel import ir, relax, te, tir
from tessel.error import ExecutionError, InvalidArgumentError

sys.path.insert(0, os.path.dirname(__file__))
from vm_testing import F32, OBJ, FunctionWriter, add_scale_module, build, i64, kernel, s  # noqa: E402

RNG = np.random.default_rng(0)


@pytest.fixture(scope="module")
def add_scale_vm():
    return relax.VirtualMachine(build(add_scale_module()), tessel.cpu())


@pytest.mark.parametrize("n", [1, 3, 17])
def test_numerics_with_symbolic_batch(add_scale_vm, n):
    x = RNG.standard_normal((n, 4)).astype("float32")
    y = RNG.standard_normal((n, 4)).astype("float32")
    out = add_scale_vm["main"](x, y)
    assert isinstance(out, tessel.runtime.Tensor)
    np.testing.assert_allclose(out.numpy(), (x + y) * 2, rtol=1e-6, atol=1e-6)


def test_accepts_tensors_and_strided_arrays(add_scale_vm):
    x = RNG.standard_normal((4, 6)).astype("float32")[:, :4]  # not contiguous: copied
    y = tessel.runtime.tensor(np.ones((4, 4), "float32"))
    np.testing.assert_allclose(add_scale_vm["main"](x, y).numpy(), (x + 1) * 2, rtol=1e-6)


@pytest.mark.parametrize("args, error, message", [
    (((3, 4),), InvalidArgumentError, r"main: expected 2 arguments \(x, y\), but got 1"),
    (((3, 4), (3, 4), (3, 4)), InvalidArgumentError, r"but got 3"),
    (((3, 4), (3, 4, 1)), ExecutionError, r"main: argument y: expected rank 2, but found rank 3"),
    (((3, 5), (3, 4)), ExecutionError, r"main: argument x: dimension 1 is 5, but expected 4"),
    (((3, 4), (2, 4)), ExecutionError,
     r"main: argument y \(n from argument x dimension 0\): dimension 0 is 2, but expected 3"),
])
def test_bad_inputs_name_the_parameter(add_scale_vm, args, error, message):
    with pytest.raises(error, match=message):
        add_scale_vm["main"](*[np.zeros(shape, "float32") for shape in args])


def test_bad_dtype_and_kind(add_scale_vm):
    x = np.zeros((3, 4), "float32")
    with pytest.raises(ExecutionError, match="main: argument y: expected dtype float32, but found float64"):
        add_scale_vm["main"](x, np.zeros((3, 4), "float64"))
    with pytest.raises(ExecutionError, match="main: argument x: expected a Tensor, but found int 7"):
        add_scale_vm["main"](7, x)
    with pytest.raises(InvalidArgumentError, match="no function 'nope'"):
        add_scale_vm["nope"]


def pick_module():
    """pick(c, a, b) = (a + b if c else a, shape (2, 3), 7); main(c, a, b) calls pick and
    returns its first field and its shape, through Tuple/TupleGetItem nodes."""
    mod = ir.IRModule({"add": kernel("add", lambda a, b: a + b, 2)})
    c = relax.Var("c", relax.PrimStructInfo("bool"))
    a = relax.Var("a", F32)
    b = relax.Var("b", F32)
    then = FunctionWriter()
    shape = then.emit(relax.Call(relax.ExternFunc("test.vm.shape_of"), [a]), "shape")
    out = then.call("vm.builtin.empty", shape, s("float32"), i64(0), name="out", sinfo=F32)
    then.call(mod.get_global_var("add"), a, b, out)
    branch = relax.If(c, relax.SeqExpr([relax.BindingBlock(then.bindings)], out), a)
    w = FunctionWriter()
    chosen = w.emit(branch, "chosen", F32)
    result = w.emit(relax.Tuple([chosen, relax.ShapeExpr([2, 3]), i64(7)]), "result")
    mod["pick"] = w.finish([c, a, b], result, "pick")

    c2, a2, b2 = relax.Var("c", c.struct_info_), relax.Var("a", F32), relax.Var("b", F32)
    m = FunctionWriter()
    pair = m.emit(relax.Call(mod.get_global_var("pick"), [c2, a2, b2]), "pair")
    first = m.emit(relax.TupleGetItem(pair, 0), "first", F32)
    shape2 = m.emit(relax.TupleGetItem(pair, 1), "shape")
    mod["main"] = m.finish([c2, a2, b2], relax.Tuple([first, shape2]), "main")
    return mod


def test_if_tuples_and_calls():
    tessel.runtime.register_func(
        "test.vm.shape_of", lambda t: tessel.runtime.ShapeTuple(t.shape), override=True)
    vm = relax.VirtualMachine(build(pick_module()))
    a = RNG.standard_normal((2, 4)).astype("float32")
    b = RNG.standard_normal((2, 4)).astype("float32")
    first, shape = vm["main"](True, a, b)
    np.testing.assert_allclose(first.numpy(), a + b, rtol=1e-6)
    assert shape == (2, 3) and isinstance(shape, tessel.runtime.ShapeTuple)
    first, _ = vm["main"](False, a, b)
    np.testing.assert_array_equal(first.numpy(), a)
    chosen, shape, seven = vm["pick"](np.array(True), a, b)  # a one-element tensor condition
    np.testing.assert_allclose(chosen.numpy(), a + b, rtol=1e-6)
    assert seven == 7
    with pytest.raises(ExecutionError, match="condition of an if"):
        vm["main"]("yes", a, b)


def test_constants_and_shape_params():
    mod = ir.IRModule({"add": kernel("add", lambda a, b: a + b, 2)})
    bias = RNG.standard_normal((2, 4)).astype("float32")
    x = relax.Var("x", F32)
    shp = relax.Var("s", relax.ShapeStructInfo(ndim=2))
    w = FunctionWriter()
    w.call("vm.builtin.check_shape_info", shp, i64(2), s("main: argument s"))
    out = w.call("vm.builtin.empty", shp, s("float32"), i64(0), name="out", sinfo=F32)
    w.call(mod.get_global_var("add"), x, relax.Constant(tessel.runtime.tensor(bias)), out)
    mod["main"] = w.finish([x, shp], relax.Tuple([out, shp, relax.StringImm("done")]), "main")
    vm = relax.VirtualMachine(build(mod))
    x_np = RNG.standard_normal((2, 4)).astype("float32")
    out, shape, text = vm["main"](x_np, tessel.runtime.ShapeTuple([2, 4]))
    np.testing.assert_allclose(out.numpy(), x_np + bias, rtol=1e-6)
    assert shape == [2, 4] and text == "done"
    with pytest.raises(ExecutionError, match=r"main: argument s: expected a Shape of 2 dimensions, but found \(8,\)"):
        vm["main"](x_np, tessel.runtime.ShapeTuple([8]))
    with pytest.raises(ExecutionError, match="main: argument s: expected a Shape, but found list"):
        vm["main"](x_np, (2, 4))


def test_registered_python_function_is_called():
    calls = []

    def double_into(x, out):
        calls.append(x.shape)
        out.copyfrom(x.numpy() * 2)

    tessel.runtime.register_func("test.vm.double_into", double_into, override=True)
    x = relax.Var("x", F32)
    w = FunctionWriter()
    shape = w.call("test.vm.shape_of", x, name="shape")
    out = w.call("vm.builtin.empty", shape, s("float32"), i64(0), name="out", sinfo=F32)
    w.call("test.vm.double_into", x, out)
    tessel.runtime.register_func(
        "test.vm.shape_of", lambda t: tessel.runtime.ShapeTuple(t.shape), override=True)
    vm = relax.VirtualMachine(build(ir.IRModule({"main": w.finish([x], out, "main")})))
    x_np = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_array_equal(vm["main"](x_np).numpy(), x_np * 2)
    assert calls == [(2, 3)]


def test_missing_function_is_named_at_load():
    x = relax.Var("x", F32)
    w = FunctionWriter()
    out = w.call("test.vm.never_registered", x)
    exe = build(ir.IRModule({"main": w.finish([x], out, "main")}))
    with pytest.raises(InvalidArgumentError, match="'test.vm.never_registered', found neither"):
        relax.VirtualMachine(exe)


def test_unlowered_ir_is_rejected():
    x = relax.Var("x", F32)
    y = relax.Var("y", F32)
    cast = relax.Function([x], relax.SeqExpr([relax.BindingBlock([relax.MatchCast(y, x, F32)])], y),
                          attrs={"global_symbol": "main"})
    with pytest.raises(InvalidArgumentError, match="function main: the match_cast of y is not in the lowered form"):
        build(ir.IRModule({"main": cast}))
    n = tir.Var("n", "int64")
    w = FunctionWriter()
    shape = w.emit(relax.ShapeExpr([n, 4]))
    with pytest.raises(InvalidArgumentError, match="symbolic dimension"):
        build(ir.IRModule({"main": w.finish([x], shape, "main")}))
    w = FunctionWriter()
    clash = w.call(relax.ExternFunc("add"), x)
    mod = ir.IRModule({"add": kernel("add", lambda a, b: a + b, 2)})
    mod["add_main"] = w.finish([x], clash, "add")
    with pytest.raises(InvalidArgumentError, match="both named 'add'"):
        build(mod)


def test_function_without_kernels():
    x = relax.Var("x", OBJ)
    exe = build(ir.IRModule({"main": relax.Function([x], x, attrs={"global_symbol": "main"})}))
    assert relax.VirtualMachine(exe)["main"]("anything") == "anything"


def test_compile_dispatches_relax_modules(monkeypatch):
    seen = []
    monkeypatch.setattr(relax, "build", lambda mod, target: seen.append(mod) or "executable")
    mod = add_scale_module()
    assert tessel.compile(mod) == "executable"
    assert seen == [mod]
    prim_only = ir.IRModule({"add": kernel("add", lambda a, b: a + b, 2)})
    assert isinstance(tessel.compile(prim_only), tessel.runtime.Module)


def test_block_builder_lowered_layer():
    """relu(x @ w) written with the BlockBuilder in the lowered form: two te kernels called
    by GlobalVar into tensors from vm.builtin.empty."""
    a = te.placeholder((4, 8), "float32", name="A")
    b = te.placeholder((8, 3), "float32", name="B")
    k = te.reduce_axis((0, 8), name="k")
    mm = te.compute((4, 3), lambda i, j: te.sum(a[i, k] * b[k, j], axis=k), name="mm")
    y = te.placeholder((4, 3), "float32", name="Y")
    relu = te.compute((4, 3), lambda i, j: tir.max(y[i, j], tir.FloatImm("float32", 0.0)), name="relu")
    out_sinfo = relax.TensorStructInfo([4, 3], "float32")

    bb = relax.BlockBuilder()
    matmul_gv = bb.add_func(te.create_prim_func([a, b, mm]).with_attr("global_symbol", "matmul"), "matmul")
    relu_gv = bb.add_func(te.create_prim_func([y, relu]).with_attr("global_symbol", "relu"), "relu")
    x = relax.Var("x", relax.TensorStructInfo([4, 8], "float32"))
    w = relax.Var("w", relax.TensorStructInfo([8, 3], "float32"))
    with bb.function("main", [x, w]):
        for param, shape in ((x, [4, 8]), (w, [8, 3])):
            bb.emit(relax.Call(relax.ExternFunc("vm.builtin.check_tensor_info"),
                               [param, i64(2), s("float32"), s(f"main: argument {param.name_hint}")]))
            heap_free = [i64(v) for dim in shape for v in (2, dim)]
            bb.emit(relax.Call(relax.ExternFunc("vm.builtin.match_shape"),
                               [param, i64(0), i64(2), *heap_free, s(f"main: argument {param.name_hint}")]))
        empty = relax.ExternFunc("vm.builtin.empty")
        hidden = bb.emit(relax.Call(empty, [relax.ShapeExpr([4, 3]), s("float32"), i64(0)],
                                    sinfo_args=[out_sinfo]), "hidden")
        bb.emit(relax.Call(matmul_gv, [x, w, hidden]))
        out = bb.emit(relax.Call(empty, [relax.ShapeExpr([4, 3]), s("float32"), i64(0)],
                                 sinfo_args=[out_sinfo]), "out")
        bb.emit(relax.Call(relu_gv, [hidden, out]))
        bb.emit_func_output(out)
    vm = relax.VirtualMachine(build(bb.get()))
    x_np = RNG.standard_normal((4, 8)).astype("float32")
    w_np = RNG.standard_normal((8, 3)).astype("float32")
    np.testing.assert_allclose(vm["main"](x_np, w_np).numpy(), np.maximum(x_np @ w_np, 0), rtol=1e-5, atol=1e-5)
    with pytest.raises(ExecutionError, match="main: argument w: dimension 1 is 4, but expected 3"):
        vm["main"](x_np, np.zeros((8, 4), "float32"))
