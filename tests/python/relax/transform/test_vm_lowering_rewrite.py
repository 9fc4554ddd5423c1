"""ToNonDataflow and CallTIRRewrite: each output compared with the module built by hand."""

import pytest

from tessel import ir, relax, te, tir
from tessel.error import InvalidArgumentError
from tessel.relax import transform_vm
from tessel.relax.op import memory

from vm_lowering_testing import bindings, chain_module

F32 = "float32"


def tensor(shape, dtype=F32):
    return relax.TensorStructInfo(list(shape), dtype)


def alloc(shape, dtype=F32):
    return memory.builtin_alloc_tensor(relax.ShapeExpr(list(shape)), dtype, 0)


def void_var():
    return relax.Var("_", relax.TupleStructInfo([]))


def test_to_non_dataflow_renames_dataflow_vars():
    x = relax.Var("x", tensor([4]))
    lv = relax.DataflowVar("lv", relax.TupleStructInfo([tensor([4])]))
    gv = relax.Var("gv", tensor([4]))
    before = relax.Function([x], relax.SeqExpr([relax.DataflowBlock([
        relax.VarBinding(lv, relax.Tuple([x])),
        relax.VarBinding(gv, relax.TupleGetItem(lv, 0)),
    ])], gv))
    lv2 = relax.Var("lv", relax.TupleStructInfo([tensor([4])]))
    gv2 = relax.Var("gv", tensor([4]))
    expected = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(lv2, relax.Tuple([x])),
        relax.VarBinding(gv2, relax.TupleGetItem(lv2, 0)),
    ])], gv2))
    after = transform_vm.ToNonDataflow()(ir.IRModule({"main": before}))
    ir.assert_structural_equal(after["main"], expected)
    block = after["main"].body.blocks[0]
    assert type(block) is relax.BindingBlock
    assert all(type(b.var) is relax.Var for b in block.bindings)
    assert [b.var.name_hint for b in block.bindings] == ["lv", "gv"]


def test_to_non_dataflow_reaches_if_branches_and_keeps_prim_funcs():
    mod = chain_module(2)
    after = transform_vm.ToNonDataflow()(mod)
    for gv in mod.get_global_vars():
        if not isinstance(mod[gv], relax.Function):
            assert after[gv.name_hint].same_as(mod[gv])
    assert not any(isinstance(b, relax.DataflowBlock) for b in after["main"].body.blocks)


def test_call_tir_single_output_binds_the_allocation():
    mod = chain_module(2, shape=(8, 4))
    mod = transform_vm.ToNonDataflow()(mod)
    after = transform_vm.CallTIRRewrite()(mod)
    relu = mod.get_global_var("relu")
    func = mod["main"]
    x = func.params[0]
    a, b = relax.Var("a", tensor([8, 4])), relax.Var("b", tensor([8, 4]))
    out = relax.Var("out", tensor([8, 4]))
    expected = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(a, alloc([8, 4])),
        relax.VarBinding(void_var(), relax.Call(relu, [x, a])),
        relax.VarBinding(b, alloc([8, 4])),
        relax.VarBinding(void_var(), relax.Call(relu, [a, b])),
        relax.VarBinding(out, b),
    ])], out), attrs={"global_symbol": "main"})
    ir.assert_structural_equal(after["main"], expected)
    # The kernel call returns the empty tuple.
    assert after["main"].body.blocks[0].bindings[1].var.struct_info_.fields == ()


def test_call_tir_tuple_output_and_tir_vars():
    n = tir.Var("n", "int64")
    A = te.placeholder((4,), F32, name="A")
    B = te.compute((4,), lambda i: A[i] + 1.0, name="B")
    C = te.compute((4,), lambda i: A[i] * 2.0, name="C")
    bb = relax.BlockBuilder()
    gv = bb.add_func(te.create_prim_func([A, B, C]), "two")
    x = relax.Var("x", tensor([4]))
    out_sinfo = [tensor([4]), tensor([4])]
    with bb.function("main", params=[x]):
        y = bb.emit(relax.call_tir(gv, [x], out_sinfo, tir_vars=relax.ShapeExpr([n * 0 + 3])))
        bb.emit_func_output(y)
    after = transform_vm.CallTIRRewrite()(bb.get())
    o0, o1 = relax.Var("o0", tensor([4])), relax.Var("o1", tensor([4]))
    y2 = relax.Var("y", relax.TupleStructInfo(out_sinfo))
    expected = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(o0, alloc([4])),
        relax.VarBinding(o1, alloc([4])),
        relax.VarBinding(void_var(), relax.Call(gv, [x, o0, o1, relax.PrimValue(n * 0 + 3)])),
        relax.VarBinding(y2, relax.Tuple([o0, o1])),
    ])], y2), attrs={"global_symbol": "main"})
    ir.assert_structural_equal(after["main"], expected)


def test_call_dps_packed_and_call_pure_packed():
    x = relax.Var("x", tensor([3]))
    bb = relax.BlockBuilder()
    with bb.function("main", params=[x]):
        y = bb.emit(relax.call_dps_packed("my.add_one", [x], tensor([3])))
        z = bb.emit(relax.call_pure_packed("my.identity", y, sinfo_args=tensor([3])))
        bb.emit_func_output(z)
    after = transform_vm.CallTIRRewrite()(bb.get())
    y2, z2 = relax.Var("y", tensor([3])), relax.Var("z", tensor([3]))
    void = relax.TupleStructInfo([])
    expected = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(y2, alloc([3])),
        relax.VarBinding(void_var(), relax.Call(relax.ExternFunc("my.add_one"), [x, y2], sinfo_args=[void])),
        relax.VarBinding(z2, relax.Call(relax.ExternFunc("my.identity"), [y2], sinfo_args=[tensor([3])])),
    ])], z2), attrs={"global_symbol": "main"})
    ir.assert_structural_equal(after["main"], expected)


def test_call_tir_in_a_result_position_is_bound_first():
    A = te.placeholder((2,), F32, name="A")
    B = te.compute((2,), lambda i: A[i] + 1.0, name="B")
    bb = relax.BlockBuilder()
    gv = bb.add_func(te.create_prim_func([A, B]), "add_one")
    x = relax.Var("x", tensor([2]))
    before = relax.Function([x], relax.SeqExpr([], relax.call_tir(gv, [x], tensor([2]))), tensor([2]))
    mod = bb.get()
    mod["main"] = before
    after = transform_vm.CallTIRRewrite()(mod)["main"]
    binds = bindings(after)
    assert len(binds) == 2
    assert binds[0].value.op.name == "relax.builtin.alloc_tensor"
    assert binds[1].value.op.same_as(gv)
    assert after.body.body.same_as(binds[0].var)


def test_call_tir_output_of_unknown_shape_is_an_error():
    A = te.placeholder((2,), F32, name="A")
    B = te.compute((2,), lambda i: A[i] + 1.0, name="B")
    bb = relax.BlockBuilder()
    gv = bb.add_func(te.create_prim_func([A, B]), "add_one")
    x = relax.Var("x", tensor([2]))
    with bb.function("main", params=[x]):
        y = bb.emit(relax.call_tir(gv, [x], relax.TensorStructInfo(dtype=F32, ndim=1)), name_hint="y")
        bb.emit_func_output(y)
    with pytest.raises(InvalidArgumentError, match="function main, binding of y: an output of relax.call_tir "
                                                   "has an unknown shape"):
        transform_vm.CallTIRRewrite()(bb.get())
