"""VMShapeLower: entry checks of parameters, symbolic variables stored once and asserted
after, match_cast, derived values computed by shape functions (run here), and errors."""

import numpy as np
import pytest

import tessel
from tessel import ir, relax, te, tir
from tessel.error import InvalidArgumentError
from tessel.relax import transform_vm

from vm_lowering_testing import bindings, calls_of, check_vm_form, unary_te

F32 = "float32"
VOID = relax.TupleStructInfo([])


def i64(value):
    return relax.PrimValue(tir.IntImm("int64", value))


def extern(name, args, ret=VOID):
    return relax.Call(relax.ExternFunc(name), args, sinfo_args=[ret])


def void_binding(call):
    return relax.VarBinding(relax.Var("_", VOID), call)


def lower(mod):
    return transform_vm.VMShapeLower()(mod)


def test_parameters_store_then_assert_symbolic_dims():
    n = tir.Var("n", "int64")
    x = relax.Var("x", relax.TensorStructInfo([n, 4], F32))
    w = relax.Var("w", relax.TensorStructInfo([4, n], F32))
    before = relax.Function([x, w], relax.SeqExpr([], x))
    after = lower(ir.IRModule({"main": before}))["main"]
    heap = relax.Var("shape_heap", relax.TensorStructInfo(dtype="int64", ndim=1))
    expected = relax.Function([x, w], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(heap, extern("vm.builtin.alloc_shape_heap", [i64(1)],
                                      relax.TensorStructInfo([1], "int64"))),
        void_binding(extern("vm.builtin.check_tensor_info",
                            [x, i64(2), relax.StringImm(F32), relax.StringImm("main: argument x")])),
        void_binding(extern("vm.builtin.match_shape",
                            [x, heap, i64(2), i64(1), i64(0), i64(2), i64(4),
                             relax.StringImm("main: argument x")])),
        void_binding(extern("vm.builtin.check_tensor_info",
                            [w, i64(2), relax.StringImm(F32), relax.StringImm("main: argument w")])),
        void_binding(extern("vm.builtin.match_shape",
                            [w, heap, i64(2), i64(2), i64(4), i64(3), i64(0),
                             relax.StringImm("main: argument w (n is argument x dimension 0)")])),
    ])], x))
    ir.assert_structural_equal(after, expected)


def test_static_function_checks_without_slots():
    x = relax.Var("x", relax.TensorStructInfo([2, 3], "int32"))
    s = relax.Var("s", relax.ShapeStructInfo(ndim=2))
    after = lower(ir.IRModule({"main": relax.Function([x, s], relax.SeqExpr([], x))}))["main"]
    names = [b.value.op.global_symbol for b in bindings(after)]
    assert names == ["vm.builtin.alloc_shape_heap", "vm.builtin.check_tensor_info", "vm.builtin.match_shape",
                     "vm.builtin.check_shape_info"]
    match = calls_of(after, "vm.builtin.match_shape")[0]
    assert [a.value.value for a in match.args[2:7]] == [2, 2, 2, 2, 3]
    check = calls_of(after, "vm.builtin.check_shape_info")[0]
    assert check.args[1].value.value == 2 and check.args[2].value == "main: argument s"


def test_tuple_parameter_is_checked_field_by_field():
    n = tir.Var("n", "int64")
    t = relax.Var("t", relax.TupleStructInfo([relax.TensorStructInfo([n], F32),
                                               relax.TensorStructInfo([n], "int64"),
                                               relax.ObjectStructInfo()]))
    after = lower(ir.IRModule({"main": relax.Function([t], relax.SeqExpr([], t))}))["main"]
    calls = [(b.value.op.global_symbol if isinstance(b.value, relax.Call) else "item",
              b.value.args[-1].value if isinstance(b.value, relax.Call) and
              isinstance(b.value.args[-1], relax.StringImm) else None) for b in bindings(after)]
    assert calls == [
        ("vm.builtin.alloc_shape_heap", None),
        ("vm.builtin.check_tuple_info", "main: argument t"),
        ("item", None),
        ("vm.builtin.check_tensor_info", "main: argument t[0]"),
        ("vm.builtin.match_shape", "main: argument t[0]"),
        ("item", None),
        ("vm.builtin.check_tensor_info", "main: argument t[1]"),
        ("vm.builtin.match_shape", "main: argument t[1] (n is argument t[0] dimension 0)"),
    ]


def test_derived_shape_is_computed_by_a_shape_function():
    n = tir.Var("n", "int64")
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([n], F32))
    with bb.function("main", params=[x]):
        y = bb.emit_te(lambda a: te.compute((n * 2,), lambda i: a[i // 2], name="repeat"), x)
        bb.emit_func_output(y)
    mod = transform_vm.LowerToVM()(bb.get())
    check_vm_form(mod)
    func = mod["main"]
    shape_func = mod["shape_func_0"]
    assert isinstance(shape_func, tir.PrimFunc)
    make = calls_of(func, "vm.builtin.make_shape")
    assert len(make) == 1
    # heap, ndim 1, (load, slot 1): n is slot 0, n * 2 slot 1.
    assert [a.value.value for a in make[0].args[1:]] == [1, 1, 1]
    binds = bindings(func)
    kernel_at = [i for i, b in enumerate(binds) if isinstance(b.value, relax.Call)
                 and b.value.op.same_as(mod.get_global_var("shape_func_0"))]
    make_at = [i for i, b in enumerate(binds) if b.value.same_as(make[0])]
    assert kernel_at and kernel_at[0] < make_at[0]
    alloc = calls_of(func, "relax.builtin.alloc_tensor")[0]
    assert alloc.args[0].same_as(binds[make_at[0]].var)
    # The shape function computes n * 2 into slot 1 when compiled and run.
    heap = np.array([7, 0], "int64")
    tessel.compile(shape_func)["shape_func_0"](heap)
    np.testing.assert_array_equal(heap, [7, 14])


def test_equal_shape_functions_are_added_once():
    n = tir.Var("n", "int64")
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([n], F32))
    with bb.function("main", params=[x]):
        s1 = bb.emit(relax.ShapeExpr([n + 1]))
        bb.emit_func_output(s1)
    x2 = relax.Var("x", relax.TensorStructInfo([n], F32))
    with bb.function("other", params=[x2]):
        s2 = bb.emit(relax.ShapeExpr([n + 1, n + 1]))
        bb.emit_func_output(s2)
    mod = lower(bb.get())
    prim_funcs = [gv.name_hint for gv in mod.get_global_vars() if isinstance(mod[gv], tir.PrimFunc)]
    assert prim_funcs == ["shape_func_0"]
    # Within a function the derived value is computed once.
    assert len([b for b in bindings(mod["other"]) if isinstance(b.value, relax.Call)
                and isinstance(b.value.op, ir.GlobalVar)]) == 1


def test_derived_parameter_dims_are_asserted_after_the_variables_are_stored():
    n = tir.Var("n", "int64")
    x = relax.Var("x", relax.TensorStructInfo([n * 2], F32))   # n is defined by y, after x
    y = relax.Var("y", relax.TensorStructInfo([n], F32))
    mod = lower(ir.IRModule({"main": relax.Function([x, y], relax.SeqExpr([], x))}))
    names = [b.value.op.global_symbol if isinstance(b.value.op, relax.ExternFunc) else b.value.op.name_hint
             for b in bindings(mod["main"])]
    assert names == ["vm.builtin.alloc_shape_heap", "vm.builtin.check_tensor_info",
                     "vm.builtin.check_tensor_info", "vm.builtin.match_shape", "shape_func_0",
                     "vm.builtin.match_shape"]
    last = bindings(mod["main"])[-1].value
    assert last.args[0].same_as(x)
    assert [a.value.value for a in last.args[2:5]] == [1, 3, 1]
    assert last.args[5].value.startswith("main: argument x (dimension 0 must equal n")


def test_match_cast_becomes_checks_and_a_binding():
    m = tir.Var("m", "int64")
    k = tir.Var("k", "int64")
    x = relax.Var("x", relax.TensorStructInfo(dtype=F32, ndim=2))
    y = relax.Var("y", relax.TensorStructInfo([m, k], F32))
    s = relax.Var("s", relax.ShapeStructInfo([m * k]))
    before = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.MatchCast(y, x, relax.TensorStructInfo([m, k], F32)),
        relax.VarBinding(s, relax.ShapeExpr([m * k])),
    ])], s))
    mod = lower(ir.IRModule({"main": before}))
    check_vm_form(mod)
    binds = bindings(mod["main"])
    match = calls_of(mod["main"], "vm.builtin.match_shape")
    assert len(match) == 1 and match[0].args[-1].value == "main: match_cast of y"
    assert [a.value.value for a in match[0].args[2:7]] == [2, 1, 0, 1, 1]
    cast = [b for b in binds if b.var.same_as(y)][0]
    assert cast.value.same_as(x)
    assert isinstance([b for b in binds if b.var.same_as(s)][0].value, relax.Var)


def test_symbolic_prim_value_is_read_from_the_heap():
    n = tir.Var("n", "int64")
    x = relax.Var("x", relax.TensorStructInfo([n], F32))
    p = relax.Var("p", relax.PrimStructInfo("int64"))
    before = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(p, relax.PrimValue(n))])], p))
    mod = lower(ir.IRModule({"main": before}))
    check_vm_form(mod)
    read = calls_of(mod["main"], "vm.builtin.make_prim_value")
    assert len(read) == 1 and [a.value.value for a in read[0].args[1:]] == [1, 0]


def test_undefined_symbolic_variable_is_an_error():
    n = tir.Var("n", "int64")
    m = tir.Var("m", "int64")
    x = relax.Var("x", relax.TensorStructInfo([n], F32))
    s = relax.Var("s", relax.ShapeStructInfo([m]))
    before = relax.Function([x], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(s, relax.ShapeExpr([m]))])], s))
    with pytest.raises(InvalidArgumentError, match="relax.VMShapeLower: function main, binding of s: "
                                                   "symbolic variable m is used before any parameter or "
                                                   "match_cast"):
        lower(ir.IRModule({"main": before}))


def test_variable_defined_in_one_branch_is_unknown_after_the_if():
    m = tir.Var("m", "int64")
    x = relax.Var("x", relax.TensorStructInfo(dtype=F32, ndim=1))
    c = relax.Var("c", relax.PrimStructInfo("bool"))
    y = relax.Var("y", relax.TensorStructInfo([m], F32))
    r = relax.Var("r", relax.TensorStructInfo(dtype=F32, ndim=1))
    s = relax.Var("s", relax.ShapeStructInfo([m]))
    branch = relax.SeqExpr([relax.BindingBlock([relax.MatchCast(y, x, relax.TensorStructInfo([m], F32))])], y)
    before = relax.Function([x, c], relax.SeqExpr([relax.BindingBlock([
        relax.VarBinding(r, relax.If(c, branch, x)),
        relax.VarBinding(s, relax.ShapeExpr([m])),
    ])], s))
    with pytest.raises(InvalidArgumentError, match="binding of s: symbolic variable m is used before"):
        lower(ir.IRModule({"main": before}))


def test_leftover_dataflow_block_is_an_error():
    x = relax.Var("x", relax.TensorStructInfo([2], F32))
    lv = relax.DataflowVar("lv", relax.TensorStructInfo([2], F32))
    before = relax.Function([x], relax.SeqExpr([relax.DataflowBlock([relax.VarBinding(lv, x)])], x))
    with pytest.raises(InvalidArgumentError, match="function main: a dataflow block remains; "
                                                   "run relax.ToNonDataflow first"):
        lower(ir.IRModule({"main": before}))


def test_mlp_with_symbolic_batch_lowers_to_the_vm_form():
    n = tir.Var("n", "int64")
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([n, 16], F32))
    w = relax.Var("w", relax.TensorStructInfo([16, 8], F32))
    with bb.function("main", params=[x, w]):
        with bb.dataflow():
            k = te.reduce_axis((0, 16), name="k")
            h = bb.emit_te(lambda a, b: te.compute((n, 8), lambda i, j: te.sum(a[i, k] * b[k, j], axis=k),
                                                   name="matmul"), x, w)
            r = unary_te(bb, h, lambda v: tir.max(v, tir.const(0, F32)), "relu")
            out = bb.emit_output(r)
        bb.emit_func_output(out)
    mod = transform_vm.LowerToVM()(bb.get())
    check_vm_form(mod)
    func = mod["main"]
    assert len(calls_of(func, "vm.builtin.make_shape")) == 2
    assert func.attrs["relax.memory_plan"]["planned_bytes"].value == 0
