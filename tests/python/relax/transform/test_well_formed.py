"""relax.analysis.well_formed: each rule it checks, and the message naming the problem."""

import pytest

from tessel import ir, relax
from tessel.error import InvalidArgumentError

T = relax.TensorStructInfo([2, 3], "float32")


def packed(*args):
    return relax.call_pure_packed("f", *args, sinfo_args=T)


def built():
    """A module from the BlockBuilder: well formed by construction."""
    x = relax.Var("x", T)
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            lv = bb.emit(packed(x))
            gv = bb.emit_output(packed(lv))
        bb.emit_func_output(gv)
    return bb.get()


def module(params, blocks, body):
    func = relax.Function(params, relax.SeqExpr(blocks, body), T, True, {"global_symbol": "main"})
    return ir.IRModule({"main": func})


def normalized(expr):
    return relax.BlockBuilder().normalize(expr)


def problem(mod, **kwargs):
    with pytest.raises(InvalidArgumentError) as info:
        relax.analysis.check_well_formed(mod, **kwargs)
    with pytest.warns(UserWarning):
        assert not relax.analysis.well_formed(mod, **kwargs)
    return str(info.value)


def test_builder_output_is_well_formed():
    mod = built()
    assert relax.analysis.well_formed(mod)
    relax.analysis.check_well_formed(mod)
    assert relax.analysis.well_formed(mod["main"])


def test_variable_used_before_definition():
    x = relax.Var("x", T)
    y, z = relax.Var("y", T), relax.Var("z", T)
    blocks = [relax.BindingBlock([relax.VarBinding(y, normalized(packed(z))),
                                  relax.VarBinding(z, normalized(packed(x)))])]
    assert "function main: variable z is used but never defined before" in problem(module([x], blocks, y))


def test_variable_defined_twice():
    x = relax.Var("x", T)
    y = relax.Var("y", T)
    blocks = [relax.BindingBlock([relax.VarBinding(y, normalized(packed(x))),
                                  relax.VarBinding(y, normalized(packed(x)))])]
    assert "variable y is defined more than once" in problem(module([x], blocks, y))


def test_dataflow_variable_used_after_its_block():
    x = relax.Var("x", T)
    lv = relax.DataflowVar("lv", T)
    blocks = [relax.DataflowBlock([relax.VarBinding(lv, normalized(packed(x)))])]
    assert "variable lv is used outside the dataflow block that defines it" in problem(module([x], blocks, lv))


def test_dataflow_variable_outside_a_dataflow_block():
    x = relax.Var("x", T)
    lv = relax.DataflowVar("lv", T)
    blocks = [relax.BindingBlock([relax.VarBinding(lv, normalized(packed(x)))])]
    assert "DataflowVar lv is defined outside a dataflow block" in problem(module([x], blocks, x))


def test_missing_struct_info_is_optional():
    x = relax.Var("x", T)
    y = relax.Var("y", T)
    blocks = [relax.BindingBlock([relax.VarBinding(y, packed(x))])]  # the call is not normalized
    mod = module([x], blocks, y)
    assert "has no struct info" in problem(mod)
    assert relax.analysis.well_formed(mod, check_struct_info=False)


def test_nested_calls_are_not_a_normal_form():
    x = relax.Var("x", T)
    y = relax.Var("y", T)
    inner = normalized(packed(x))
    outer = relax.Call(inner.op, [inner], {"callee": relax.ExternFunc("g")}, [T])
    blocks = [relax.BindingBlock([relax.VarBinding(y, outer)])]
    msg = problem(module([x], blocks, y), check_struct_info=False)
    assert "a call argument is a Call, not a leaf" in msg


def test_call_of_a_function_not_in_the_module():
    x = relax.Var("x", T)
    y = relax.Var("y", T)
    call = relax.Call(ir.GlobalVar("missing"), [x])
    blocks = [relax.BindingBlock([relax.VarBinding(y, call)])]
    assert "calls @missing, which is not a function of the module" in problem(
        module([x], blocks, y), check_struct_info=False)


def test_impure_call_in_a_dataflow_block():
    x = relax.Var("x", T)
    lv = relax.Var("lv", T)
    call = relax.Call(relax.ExternFunc("print"), [x], {}, [T])
    blocks = [relax.DataflowBlock([relax.VarBinding(lv, call)])]
    assert "impure call of extern function print is inside a dataflow block" in problem(
        module([x], blocks, lv), check_struct_info=False)


def test_body_must_be_a_sequence():
    x = relax.Var("x", T)
    func = relax.Function([x], x, T)
    assert "the body is a Var, not a SeqExpr" in problem(ir.IRModule({"main": func}))


def test_rejects_other_objects():
    with pytest.raises(InvalidArgumentError, match="expected an IRModule or a relax.Function"):
        relax.analysis.well_formed(3)
