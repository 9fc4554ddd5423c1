"""DeadCodeElimination: unused pure bindings and unreachable functions go, effects stay."""

import pytest

from tessel import ir, relax, te
from tessel.error import InvalidArgumentError

T = relax.TensorStructInfo([2, 3], "float32")


def packed(*args):
    return relax.call_pure_packed("f", *args, sinfo_args=T)


def doubled(bb, x):
    return bb.emit_te(lambda a: te.compute(a.shape, lambda i, j: a[i, j] * 2.0, name="dbl"), x,
                      primfunc_name_hint="dbl")


def names(mod):
    return sorted(gv.name_hint for gv in mod.get_global_vars())


def bound(func):
    return [b.var.name_hint for block in func.body.blocks for b in block.bindings]


def dce(mod, **kwargs):
    out = relax.transform.DeadCodeElimination(**kwargs)(mod)
    assert relax.analysis.well_formed(out)
    return out


def test_unused_pure_bindings_go_in_every_kind_of_block():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        bb.emit(packed(x), "dead_outside")
        used = bb.emit(packed(x), "used")
        with bb.dataflow():
            doubled(bb, used)  # dead: its kernel goes too
            kept = bb.emit(packed(used), "kept")
            bb.emit(packed(kept), "dead_local")
            gv = bb.emit_output(kept, "gv")
        bb.emit_func_output(gv)
    out = dce(bb.get())
    assert bound(out["main"]) == ["used", "kept", "gv"]
    assert names(out) == ["main"]


def test_chains_of_dead_bindings_go_at_once():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            a = bb.emit(packed(x))
            b = bb.emit(packed(a))
            bb.emit(packed(b))
            gv = bb.emit_output(x)
        bb.emit_func_output(gv)
    assert bound(dce(bb.get())["main"]) == ["gv"]


def test_impure_calls_and_match_casts_stay():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x], pure=False):
        bb.emit(relax.Call(relax.ExternFunc("log"), [x], {}, [T]), "effect")
        bb.match_cast(x, relax.TensorStructInfo(ndim=2, dtype="float32"), "check")
        bb.emit_func_output(x)
    assert bound(dce(bb.get())["main"]) == ["effect", "check"]


def private(func):
    return relax.Function(func.params, func.body, func.ret_struct_info, func.is_pure, {})


def test_functions_reachable_from_public_ones_stay():
    x, y, z = (relax.Var(name, T) for name in "xyz")
    bb = relax.BlockBuilder()
    with bb.function("helper", [x]):
        bb.emit_func_output(doubled(bb, x))
    with bb.function("unused", [y]):
        bb.emit_func_output(y)
    for name in ("helper", "unused"):
        bb.update_func(bb.get().get_global_var(name), private(bb.get()[name]))
    with bb.function("main", [z]):
        bb.emit_func_output(bb.emit(relax.Call(bb.get().get_global_var("helper"), [z])))
    assert names(dce(bb.get())) == ["dbl", "helper", "main"]


def test_entry_functions_choose_what_stays():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        bb.emit_func_output(doubled(bb, x))
    y = relax.Var("y", T)
    with bb.function("other", [y]):
        bb.emit_func_output(y)
    assert names(dce(bb.get())) == ["dbl", "main", "other"]
    assert names(dce(bb.get(), entry_functions=["other"])) == ["other"]
    with pytest.raises(InvalidArgumentError, match="entry function 'nope' is not in the module"):
        relax.transform.DeadCodeElimination(["nope"])(bb.get())


def test_dead_bindings_inside_if_branches_go():
    cond = relax.Var("c", relax.TensorStructInfo([], "bool"))
    x = relax.Var("x", T)

    def branch(name):
        keep = relax.Var(f"{name}_keep", T)
        dead = relax.Var(f"{name}_dead", T)
        norm = relax.BlockBuilder().normalize
        block = relax.BindingBlock([relax.VarBinding(dead, norm(packed(x))),
                                    relax.VarBinding(keep, norm(packed(x)))])
        return relax.SeqExpr([block], keep)

    y = relax.Var("y", T)
    body = relax.BlockBuilder().normalize(relax.SeqExpr(
        [relax.BindingBlock([relax.VarBinding(y, relax.BlockBuilder().normalize(
            relax.If(cond, branch("t"), branch("f"))))])], y))
    mod = ir.IRModule({"main": relax.Function([cond, x], body, T, True, {"global_symbol": "main"})})
    out = dce(mod)
    cond_expr = out["main"].body.blocks[0].bindings[0].value
    for seq in (cond_expr.true_branch, cond_expr.false_branch):
        assert [b.var.name_hint for b in seq.blocks[0].bindings] == [seq.body.name_hint]


def test_nothing_to_remove_returns_the_module():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        bb.emit_func_output(bb.emit(packed(x)))
    mod = bb.get()
    assert relax.transform.DeadCodeElimination()(mod)["main"].same_as(mod["main"])


def test_module_of_prim_funcs_only_keeps_them_all():
    a = te.placeholder((4,), "float32", name="A")
    f = te.create_prim_func([a, te.compute(a.shape, lambda i: a[i] + 1.0, name="B")])
    mod = ir.IRModule({"main": f, "other": f})
    assert names(relax.transform.DeadCodeElimination()(mod)) == ["main", "other"]
