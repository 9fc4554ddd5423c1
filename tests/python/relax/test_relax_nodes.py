"""Relax nodes from Python: construction, attribute access, errors and functors."""

import numpy as np
import pytest

import tessel
from tessel import ir, relax, tir
from tessel.error import InvalidArgumentError


def _function(x_name="x", n_name="n"):
    n = tir.Var(n_name, "int64")
    sinfo = relax.TensorStructInfo([n, 4], "float32")
    x = relax.Var(x_name, sinfo)
    lv = relax.DataflowVar("lv", sinfo)
    gv = relax.Var("gv", sinfo)
    block = relax.DataflowBlock([
        relax.VarBinding(lv, relax.Call(relax.ExternFunc("add"), [x, x])),
        relax.VarBinding(gv, relax.TupleGetItem(relax.Tuple([lv, lv]), 0)),
    ])
    return relax.Function([x], relax.SeqExpr([block], gv), sinfo)


def test_struct_info_fields():
    n = tir.Var("n", "int64")
    t = relax.TensorStructInfo([n, 4], "float32")
    assert t.ndim == 2
    assert t.dtype == "float32"
    assert isinstance(t.shape, relax.ShapeExpr)
    assert t.shape.values[1].dtype == "int64"
    assert relax.TensorStructInfo(dtype="float16", ndim=3).shape is None
    assert relax.ShapeStructInfo(ndim=2).values is None
    assert relax.ShapeStructInfo([1, 2]).ndim == 2


def test_struct_info_errors():
    with pytest.raises(InvalidArgumentError, match="ndim 3"):
        relax.TensorStructInfo(relax.ShapeExpr([1, 2]), "float32", ndim=3)
    with pytest.raises(InvalidArgumentError, match="ndim"):
        relax.ShapeStructInfo([1], ndim=2)
    with pytest.raises(InvalidArgumentError):
        relax.TensorStructInfo(dtype="float32", ndim=-5)


def test_expressions():
    assert relax.PrimValue(tir.IntImm("int64", 3)).struct_info_.dtype == "int64"
    assert relax.StringImm("hi").value == "hi"
    call = relax.Call(relax.ExternFunc("f"), [relax.StringImm("a")], {"axis": 1})
    assert call.attrs["axis"].value == 1
    assert call.op.global_symbol == "f"
    data = tessel.runtime.tensor(np.zeros((2, 3), "float32"))
    const = relax.Constant(data)
    assert const.struct_info_.ndim == 2
    assert const.data.shape == (2, 3)
    cond = relax.Var("c", relax.PrimStructInfo("bool"))
    branch = relax.If(cond, relax.StringImm("a"), relax.StringImm("b"))
    assert isinstance(branch.true_branch, relax.SeqExpr)
    with pytest.raises(InvalidArgumentError, match="relax.Call"):
        relax.Call(relax.StringImm("f"), [])


def test_function_fields_and_equality():
    f = _function()
    assert f.params[0].name_hint == "x"
    assert isinstance(f.body.blocks[0], relax.DataflowBlock)
    assert isinstance(f.struct_info_, relax.FuncStructInfo)
    assert ir.structural_equal(f, _function("y", "m"))
    assert f.with_attr("global_symbol", "main").attrs["global_symbol"] == "main"


def test_visitor_counts_calls():
    class Counter(relax.ExprVisitor):
        def __init__(self):
            super().__init__()
            self.calls = 0
            self.defs = []

        def visit_call_(self, op):
            self.calls += 1
            super().visit_call_(op)

        def visit_var_def(self, var):
            self.defs.append(var.name_hint)

    counter = Counter()
    counter.visit_function(_function())
    assert counter.calls == 1
    assert counter.defs == ["x", "lv", "gv"]


def test_mutator_renames_vars():
    class Renamer(relax.ExprMutator):
        def visit_var_def(self, var):
            cls = relax.DataflowVar if isinstance(var, relax.DataflowVar) else relax.Var
            return cls(var.name_hint + "_new", var.struct_info_)

    f = _function()
    g = Renamer().visit_function(f)
    assert [p.name_hint for p in g.params] == ["x_new"]
    assert g.body.body.name_hint == "gv_new"
    assert g.body.blocks[0].bindings[0].value.args[0].same_as(g.params[0])
    assert ir.structural_equal(f, g)
    assert relax.ExprMutator().visit_function(f).same_as(f)


def test_script_printing():
    f = _function()
    text = f.script()
    assert text.startswith("@R.function\ndef main(x: R.Tensor((n, 4), dtype=\"float32\"))")
    assert "    n = T.int64()\n    with R.dataflow():" in text
    assert "R.output(gv)" in text
    assert "gv: R.Tensor((n, 4), dtype=\"float32\") = (lv, lv)[0]" in text


def test_module_mixing_relax_and_tir_prints_as_ir_module():
    prim = tir.PrimFunc([], tir.Evaluate(tir.IntImm("int32", 0)))
    mod = ir.IRModule({"main": _function(), "kernel": prim})
    text = mod.script()
    assert "@I.ir_module" in text
    assert "@R.function" in text and "@T.prim_func" in text
