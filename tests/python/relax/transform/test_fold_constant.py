"""FoldConstant: kernels of constants run at compile time; the rest is left alone."""

import numpy as np

from tessel import relax, te, transform

RNG = np.random.default_rng(0)


def tensor(shape, dtype="float32"):
    return relax.TensorStructInfo(list(shape), dtype)


def matmul(a, b):
    k = te.reduce_axis((0, a.shape[1]), name="k")
    return te.compute((a.shape[0], b.shape[1]), lambda i, j: te.sum(a[i, k] * b[k, j], axis=k), name="mm")


def add(a, b):
    return te.compute(a.shape, lambda i, j: a[i, j] + b[i, j], name="add")


def fold_and_clean(mod):
    out = transform.Sequential([relax.transform.FoldConstant(), relax.transform.DeadCodeElimination()])(mod)
    assert relax.analysis.well_formed(out)
    return out


def test_chain_of_constant_kernels_becomes_one_constant():
    a = RNG.standard_normal((4, 5), dtype=np.float32)
    b = RNG.standard_normal((5, 3), dtype=np.float32)
    c = RNG.standard_normal((4, 3), dtype=np.float32)
    bb = relax.BlockBuilder()
    with bb.function("main", []):
        with bb.dataflow():
            ab = bb.emit_te(matmul, relax.const(a), relax.const(b), primfunc_name_hint="mm")
            out = bb.emit_output(bb.call_te(add, ab, relax.const(c), primfunc_name_hint="add"))
        bb.emit_func_output(out)
    folded = fold_and_clean(bb.get())
    result = folded["main"].body.body
    assert isinstance(result, relax.Constant)
    np.testing.assert_allclose(result.data.numpy(), a @ b + c, rtol=1e-5, atol=1e-5)
    assert [gv.name_hint for gv in folded.get_global_vars()] == ["main"]


def test_calls_with_a_variable_argument_stay():
    x = relax.Var("x", tensor([4, 3]))
    c = np.ones((4, 3), np.float32)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            twice = bb.emit_te(add, relax.const(c), relax.const(c), primfunc_name_hint="add")
            out = bb.emit_output(bb.call_te(add, twice, x, primfunc_name_hint="add"))
        bb.emit_func_output(out)
    folded = fold_and_clean(bb.get())
    (binding,) = folded["main"].body.blocks[0].bindings
    call = binding.value
    assert call.op.name == "relax.call_tir"
    constant = call.args[0].fields[0]  # the folded first call, now an argument
    assert isinstance(constant, relax.Constant)
    np.testing.assert_array_equal(constant.data.numpy(), c + c)


def test_tuple_outputs_and_their_items():
    a = RNG.standard_normal((2, 2), dtype=np.float32)

    def split(x):
        return [te.compute(x.shape, lambda i, j: x[i, j] + 1.0, name="plus"),
                te.compute(x.shape, lambda i, j: x[i, j] * 3.0, name="times")]

    bb = relax.BlockBuilder()
    with bb.function("main", []):
        with bb.dataflow():
            pair = bb.emit_te(split, relax.const(a), primfunc_name_hint="split")
            second = bb.emit(relax.TupleGetItem(pair, 1))
            out = bb.emit_output(second)
        bb.emit_func_output(out)
    result = fold_and_clean(bb.get())["main"].body.body
    assert isinstance(result, relax.Constant)
    np.testing.assert_allclose(result.data.numpy(), a * 3.0, rtol=1e-6)


def test_module_without_constants_is_returned_as_is():
    x = relax.Var("x", tensor([4, 3]))
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        bb.emit_func_output(bb.emit_te(add, x, x))
    mod = bb.get()
    assert relax.transform.FoldConstant()(mod)["main"].same_as(mod["main"])
