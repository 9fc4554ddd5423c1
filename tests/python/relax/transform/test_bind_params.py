"""BindParams: parameters become constants that FoldConstant can precompute with."""

import numpy as np
import pytest

from tessel import relax, tir
from tessel.error import InvalidArgumentError


def linear_module():
    x = relax.Var("x", relax.TensorStructInfo([tir.Var("n", "int64"), 3], "float32"))
    w = relax.Var("w", relax.TensorStructInfo([4, 3], "float32"))
    bb = relax.BlockBuilder()
    with bb.function("main", [x, w]):
        with bb.dataflow():
            wt = bb.emit(relax.op.permute_dims(w))
            out = bb.emit_output(bb.emit(relax.op.matmul(x, wt)))
        bb.emit_func_output(out)
    return bb.get()


def test_bound_weight_is_folded():
    weight = np.arange(12, dtype="float32").reshape(4, 3)
    mod = relax.transform.BindParams("main", {"w": weight})(linear_module())
    assert [p.name_hint for p in mod["main"].params] == ["x"]
    folded = relax.get_pipeline("zero")(mod)
    kernels = [gv.name_hint for gv in folded.get_global_vars() if gv.name_hint != "main"]
    assert kernels == ["matmul"]  # the transpose ran at compile time
    constants = []

    class Collect(relax.ExprVisitor):
        def visit_constant_(self, op):
            constants.append(op.data.numpy())

    Collect().visit_expr(folded["main"].body)
    np.testing.assert_array_equal(constants[0], weight.T)


def test_errors_name_the_parameter():
    with pytest.raises(InvalidArgumentError, match="has no parameter v .its parameters: x, w"):
        relax.transform.BindParams("main", {"v": np.zeros((4, 3), "float32")})(linear_module())
    with pytest.raises(InvalidArgumentError, match="parameter w does not match"):
        relax.transform.BindParams("main", {"w": np.zeros((3, 4), "float32")})(linear_module())
