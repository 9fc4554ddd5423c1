"""CanonicalizeBindings: renaming bindings and no-op match casts disappear."""

from tessel import ir, relax, tir

T = relax.TensorStructInfo([2, 3], "float32")


def packed(*args, sinfo=T):
    return relax.call_pure_packed("f", *args, sinfo_args=sinfo)


def bindings(func):
    return [b for block in func.body.blocks for b in block.bindings]


def canonicalize(mod):
    out = relax.transform.CanonicalizeBindings()(mod)
    assert relax.analysis.well_formed(out)
    return out


def test_chains_of_renames_collapse():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        a = bb.emit(x)
        b = bb.emit(a)
        c = bb.emit(packed(b))
        d = bb.emit(c)
        bb.emit_func_output(d)
    out = canonicalize(bb.get())["main"]
    (only,) = bindings(out)
    assert only.value.args[0].same_as(x)  # packed(b) became packed(x)
    assert out.body.body.same_as(only.var)  # the result d became c


def test_dataflow_output_renaming_a_local_defines_the_output():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            lv = bb.emit(packed(x))
            lv1 = bb.emit(packed(lv))
            gv = bb.emit_output(lv1)
        bb.emit_func_output(gv)
    out = canonicalize(bb.get())["main"]
    first, second = bindings(out)
    assert isinstance(first.var, relax.DataflowVar)
    assert second.var.same_as(gv) and not isinstance(second.var, relax.DataflowVar)
    assert second.value.args[0].same_as(first.var)
    assert out.body.body.same_as(gv)


def test_two_outputs_of_one_local():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            lv = bb.emit(packed(x))
            gv1 = bb.emit_output(lv)
            gv2 = bb.emit_output(lv)
        bb.emit_func_output(relax.Tuple([gv1, gv2]))
    out = canonicalize(bb.get())["main"]
    (only,) = [b for b in bindings(out) if isinstance(b.value, relax.Call)]
    assert only.var.same_as(gv1)
    result = out.body.body
    if isinstance(result, relax.Var):  # the builder bound the tuple
        result = [b.value for b in bindings(out) if b.var.same_as(result)][0]
    assert result.fields[0].same_as(gv1) and result.fields[1].same_as(gv1)


def test_match_cast_that_checks_nothing_goes_and_one_that_checks_stays():
    n = tir.Var("n", "int64")
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        same = bb.match_cast(x, T)
        looser = bb.match_cast(same, relax.TensorStructInfo(ndim=2, dtype="float32"))
        narrowing = bb.match_cast(packed(looser, sinfo=relax.TensorStructInfo(ndim=2, dtype="float32")),
                                  relax.TensorStructInfo([n, 3], "float32"))
        bb.emit_func_output(narrowing)
    out = canonicalize(bb.get())["main"]
    casts = [b for b in bindings(out) if isinstance(b, relax.MatchCast)]
    assert len(casts) == 1 and casts[0].var.same_as(narrowing)
    call = [b.value for b in bindings(out) if isinstance(b.value, relax.Call)][0]
    assert call.args[0].same_as(x)


def test_untouched_module_is_returned_as_is():
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        bb.emit_func_output(bb.emit(packed(x)))
    mod = bb.get()
    out = relax.transform.CanonicalizeBindings()(mod)
    assert ir.structural_equal(out, mod)
    assert out["main"].same_as(mod["main"])


def test_output_declared_coarser_than_its_local_keeps_its_binding():
    x = relax.Var("x", T)
    lv = relax.DataflowVar("lv", T)
    gv = relax.Var("gv", relax.TensorStructInfo(ndim=2, dtype="float32"))
    norm = relax.BlockBuilder().normalize
    block = relax.DataflowBlock([relax.VarBinding(lv, norm(packed(x))), relax.VarBinding(gv, lv)])
    func = relax.Function([x], norm(relax.SeqExpr([block], gv)), gv.struct_info_, True, {"global_symbol": "main"})
    mod = ir.IRModule({"main": func})
    out = canonicalize(mod)
    assert [b.var.name_hint for b in bindings(out["main"])] == ["lv", "gv"]
