"""BlockBuilder: normalization, struct info of calls, A-normal form, errors."""

import numpy as np
import pytest

import tessel
from tessel import relax, te, tir
from tessel.error import InvalidArgumentError, TypeInferenceError


def tensor(shape, dtype="float32"):
    return relax.TensorStructInfo(list(shape), dtype)


def add_te(a, b):
    return te.compute(a.shape, lambda i, j: a[i, j] + b[i, j], name="add")


def test_emit_te_dedups_kernels_and_keeps_symbolic_shapes():
    n = tir.Var("n", "int64")
    x = relax.Var("x", tensor([n, 4]))
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            a = bb.emit_te(add_te, x, x, primfunc_name_hint="add")
            b = bb.emit_te(add_te, a, x, primfunc_name_hint="add")
            out = bb.emit_output(b)
        bb.emit_func_output(out)
    mod = bb.get()
    assert sorted(gv.name_hint for gv in mod.get_global_vars()) == ["add", "main"]
    assert isinstance(a, relax.DataflowVar) and not isinstance(out, relax.DataflowVar)
    assert tessel.ir.structural_equal(b.struct_info_, tensor([n, 4]))
    assert mod["main"].ret_struct_info.ndim == 2
    assert mod["add"].attrs["global_symbol"] == "add"


def test_nested_call_arguments_are_bound_first():
    x = relax.Var("x", tensor([2, 2]))
    sinfo = tensor([2, 2])
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        inner = relax.call_pure_packed("f", x, sinfo_args=sinfo)
        outer = bb.emit(relax.call_pure_packed("g", inner, sinfo_args=sinfo))
        bb.emit_func_output(outer)
    bindings = bb.get()["main"].body.blocks[0].bindings
    assert len(bindings) == 2
    assert bindings[1].value.args[0].same_as(bindings[0].var)


def test_call_of_module_function_substitutes_symbolic_dims():
    n = tir.Var("n", "int64")
    p = relax.Var("p", tensor([n, 3]))
    bb = relax.BlockBuilder()
    with bb.function("inner", [p]):
        bb.emit_func_output(p)
    gv = bb.get().get_global_var("inner")
    x = relax.Var("x", tensor([5, 3]))
    with bb.function("main", [x]):
        y = bb.emit(relax.Call(gv, [x]))
        bb.emit_func_output(y)
    assert [int(d) for d in y.struct_info_.shape.values] == [5, 3]
    bad = relax.Var("bad", tensor([5, 4]))
    with pytest.raises(TypeInferenceError, match="parameter p"):
        with bb.function("other", [bad]):
            bb.emit(relax.Call(gv, [bad]))


def test_tuple_get_item_and_errors():
    x = relax.Var("x", tensor([2]))
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        t = bb.emit(relax.Tuple([x, x]))
        item = bb.emit(relax.TupleGetItem(t, 1))
        assert item.struct_info_.ndim == 1
        with pytest.raises(TypeInferenceError, match="out of range"):
            bb.emit(relax.TupleGetItem(t, 2))
        bb.emit_func_output(item)
    with pytest.raises(InvalidArgumentError, match="not inside bb.function"):
        bb.emit(x)
    with pytest.raises(InvalidArgumentError, match="only inside a dataflow block"):
        with bb.function("f", [x]):
            bb.emit_output(x)


def test_call_tir_struct_info_and_callee():
    a = te.placeholder((4,), "float32", name="a")
    b = te.compute((4,), lambda i: a[i] * 2.0, name="b")
    bb = relax.BlockBuilder()
    gv = bb.add_func(te.create_prim_func([a, b]), "double")
    x = relax.Var("x", tensor([4]))
    with bb.function("main", [x]):
        y = bb.emit(relax.call_tir(gv, [x], tensor([4])))
        bb.emit_func_output(y)
    call = bb.get()["main"].body.blocks[0].bindings[0].value
    assert call.attrs["callee"].same_as(gv)
    assert y.struct_info_.dtype == "float32"


def test_emit_te_kernel_numerics():
    n = tir.Var("n", "int64")
    x = relax.Var("x", tensor([n, 4]))
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        bb.emit_func_output(bb.emit_te(add_te, x, x, primfunc_name_hint="add"))
    kernels = tessel.compile(tessel.ir.IRModule({"add": bb.get()["add"]}))
    data = np.arange(12, dtype="float32").reshape(3, 4)
    out = np.empty_like(data)
    kernels["add"](data, data, out)
    np.testing.assert_allclose(out, 2 * data)


def test_is_base_of_and_lub():
    n = tir.Var("n", "int64")
    assert relax.is_base_of(relax.TensorStructInfo(ndim=2, dtype="float32"), tensor([n, 4]))
    assert not relax.is_base_of(tensor([n, 4]), relax.TensorStructInfo(ndim=2, dtype="float32"))
    joined = relax.struct_info_lub(tensor([2, 4]), tensor([3, 4]))
    assert joined.ndim == 2 and joined.dtype == "float32"
