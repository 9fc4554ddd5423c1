"""LegalizeOps: registered and customized legalizations, the calls it keeps, its errors.

Each operator's own legalization is tested with the operator; tests/cpp/relax covers
re-legalization and the pattern annotation with operators registered there.
"""

import numpy as np
import pytest

from tessel import relax, te, tir, transform
from tessel.error import InvalidArgumentError


def tensor(shape, dtype="float32"):
    return relax.TensorStructInfo(list(shape), dtype)


def packed_module(shape=(2, 3), name="my.square"):
    """main(x) = call_pure_packed(name, call_pure_packed(name, x))."""
    x = relax.Var("x", tensor(shape))
    bb = relax.BlockBuilder()
    with bb.function("main", [x]):
        with bb.dataflow():
            y = bb.emit(relax.call_pure_packed(name, x, sinfo_args=tensor(shape)))
            z = bb.emit_output(relax.call_pure_packed(name, y, sinfo_args=tensor(shape)))
        bb.emit_func_output(z)
    return bb.get()


def square(bb, call):
    return bb.call_te(lambda a: te.compute(a.shape, lambda *i: a(*i) * a(*i), name="square"),
                      call.args[0], primfunc_name_hint="square")


def bound_values(mod):
    return [b.value for b in mod["main"].body.blocks[0].bindings]


def test_cross_level_calls_are_kept():
    mod = packed_module()
    assert relax.transform.LegalizeOps()(mod).same_as(mod)


def test_customize_map_legalizes_into_one_kernel():
    out = relax.transform.LegalizeOps({"relax.call_pure_packed": square})(packed_module())
    names = sorted(gv.name_hint for gv in out.get_global_vars())
    assert names == ["main", "square"]  # both calls share the kernel
    for value in bound_values(out):
        assert value.op.name == "relax.call_tir"
        assert value.attrs["callee"].name_hint == "square"
    assert relax.analysis.well_formed(out)


def test_customized_kernel_computes_the_square():
    data = np.arange(6, dtype="float32").reshape(2, 3) - 2.5
    bb = relax.BlockBuilder()
    with bb.function("main", []):
        with bb.dataflow():
            y = bb.emit(relax.call_pure_packed("my.square", relax.const(data), sinfo_args=tensor((2, 3))))
            out = bb.emit_output(y)
        bb.emit_func_output(out)
    mod = relax.transform.LegalizeOps({"relax.call_pure_packed": square})(bb.get())
    folded = transform.Sequential([relax.transform.FoldConstant(),
                                   relax.transform.DeadCodeElimination()])(mod)
    result = folded["main"].body.body
    assert isinstance(result, relax.Constant)
    np.testing.assert_allclose(result.data.numpy(), data * data, rtol=0, atol=0)


def test_legalization_may_emit_helper_bindings():
    def emitting(bb, call):
        doubled = bb.emit_te(lambda a: te.compute(a.shape, lambda *i: a(*i) * 2.0, name="dbl"),
                             call.args[0], primfunc_name_hint="dbl")
        return square(bb, relax.Call(call.op, [doubled], sinfo_args=call.sinfo_args))

    out = relax.transform.LegalizeOps({"relax.call_pure_packed": emitting})(packed_module())
    bindings = out["main"].body.blocks[0].bindings
    assert len(bindings) == 4  # dbl, square, dbl, square: helpers land before their users
    assert relax.analysis.well_formed(out)


def test_symbolic_shapes_are_kept():
    n = tir.Var("n", "int64")
    out = relax.transform.LegalizeOps({"relax.call_pure_packed": square})(packed_module((n, 4)))
    kernel = out["square"]
    assert len(kernel.params) == 2
    assert "n = T.int64()" in kernel.script()
    assert relax.analysis.well_formed(out)


def test_bad_customize_maps_are_rejected():
    with pytest.raises(InvalidArgumentError, match="customize_legalize_map"):
        relax.transform.LegalizeOps(["relax.add"])
    with pytest.raises(InvalidArgumentError, match="customize_legalize_map"):
        relax.transform.LegalizeOps({"relax.add": 3})


def test_a_legalization_returning_nothing_is_named():
    legalize = relax.transform.LegalizeOps({"relax.call_pure_packed": lambda bb, call: None})
    with pytest.raises(InvalidArgumentError, match="relax.call_pure_packed.*must return a relax expression"):
        legalize(packed_module())


def test_a_legalization_returning_its_call_is_an_error_naming_function_and_op():
    legalize = relax.transform.LegalizeOps({"relax.call_pure_packed": lambda bb, call: call})
    with pytest.raises(InvalidArgumentError, match="function main: cannot legalize relax.call_pure_packed"):
        legalize(packed_module())


def test_errors_of_a_legalization_propagate():
    def broken(bb, call):
        raise KeyError("no kernel for this")

    with pytest.raises(KeyError, match="no kernel"):
        relax.transform.LegalizeOps({"relax.call_pure_packed": broken})(packed_module())


def test_registered_by_name():
    assert transform.get_pass("relax.LegalizeOps").info.name == "relax.LegalizeOps"


def test_registered_operators_legalize_and_fold_to_numpy_results():
    a = np.arange(6, dtype="float32").reshape(2, 3)
    b = np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4)
    bb = relax.BlockBuilder()
    with bb.function("main", []):
        with bb.dataflow():
            mm = bb.emit(relax.op.matmul(relax.const(a), relax.const(b)))
            out = bb.emit_output(relax.op.add(mm, mm))
        bb.emit_func_output(out)
    legalized = relax.transform.LegalizeOps()(bb.get())
    assert {int(f.attrs["op_pattern"]) for gv, f in legalized.items() if isinstance(f, tir.PrimFunc)} == {1, 4}
    folded = transform.Sequential([relax.transform.FoldConstant(),
                                   relax.transform.DeadCodeElimination()])(legalized)
    np.testing.assert_allclose(folded["main"].body.body.data.numpy(), 2 * (a @ b), rtol=1e-6)


def test_operator_of_unknown_shape_is_named_with_its_function():
    x = relax.Var("x", relax.TensorStructInfo(ndim=2, dtype="float32"))
    bb = relax.BlockBuilder()
    with bb.function("forward", [x]):
        bb.emit_func_output(bb.emit(relax.op.add(x, x)))
    with pytest.raises(InvalidArgumentError, match="function forward: cannot legalize relax.add: argument x1 has unknown shape"):
        relax.transform.LegalizeOps()(bb.get())
