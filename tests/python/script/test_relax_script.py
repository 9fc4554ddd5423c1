"""The R dialect: what a Relax script parses into, and the errors that point at its text."""

import inspect

import pytest

from tessel import ir, relax, tir
from tessel.error import ParseError, TypeInferenceError
from tessel.script import I, R, T, from_source
from tessel.testing import assert_roundtrip


@I.ir_module
class MLP:
    @T.prim_func
    def dense(var_x: T.handle, w: T.Buffer((8, 4), "float32"), var_y: T.handle):
        n = T.int64()
        x = T.match_buffer(var_x, (n, 8), "float32")
        y = T.match_buffer(var_y, (n, 4), "float32")
        for i, j, k in T.grid(n, 4, 8):
            with T.block("y"):
                vi, vj, vk = T.axis.remap("SSR", [i, j, k])
                with T.init():
                    y[vi, vj] = T.float32(0.0)
                y[vi, vj] = y[vi, vj] + x[vi, vk] * w[vk, vj]

    @T.prim_func
    def relu(var_x: T.handle, var_y: T.handle):
        n = T.int64()
        x = T.match_buffer(var_x, (n, 4), "float32")
        y = T.match_buffer(var_y, (n, 4), "float32")
        for i, j in T.grid(n, 4):
            with T.block("y"):
                vi, vj = T.axis.remap("SS", [i, j])
                y[vi, vj] = T.max(x[vi, vj], T.float32(0.0))

    @R.function
    def main(x: R.Tensor(("n", 8), "float32"),
             w: R.Tensor((8, 4), "float32")) -> R.Tensor(("n", 4), "float32"):
        n = T.int64()
        with R.dataflow():
            lv = R.call_tir(cls.dense, (x, w), out_sinfo=R.Tensor((n, 4), "float32"))
            out = R.call_tir(cls.relu, (lv,), out_sinfo=R.Tensor((n, 4), "float32"))
            R.output(out)
        return out


def test_module_mixes_relax_and_tensorir_functions():
    assert isinstance(MLP, ir.IRModule)
    assert isinstance(MLP["dense"], tir.PrimFunc)
    main = MLP["main"]
    assert isinstance(main, relax.Function)
    assert main.attrs["global_symbol"] == "main"
    block = main.body.blocks[0]
    assert isinstance(block, relax.DataflowBlock)
    lv, out = (b.var for b in block.bindings)
    assert isinstance(lv, relax.DataflowVar)
    assert not isinstance(out, relax.DataflowVar)
    # The call_tir refers to the module's own GlobalVar of the PrimFunc.
    dense_gv = MLP.get_global_var("dense")
    assert block.bindings[0].value.attrs["callee"].same_as(dense_gv)
    assert_roundtrip(MLP)


def test_string_dimensions_are_one_symbolic_variable_per_function():
    main = MLP["main"]
    n = main.params[0].struct_info_.shape.values[0]
    assert isinstance(n, tir.Var) and n.dtype == "int64"
    out_n = main.ret_struct_info.shape.values[0]
    assert out_n.same_as(n)
    assert main.body.blocks[0].bindings[0].var.struct_info_.shape.values[0].same_as(n)


def test_struct_info_is_inferred_for_every_binding():
    @R.function
    def f(x: R.Tensor(("n", 4), "float32"), s: R.Shape(ndim=2)):
        t = (x, s)
        first = t[0]
        shape = R.shape([2, 3])
        value = R.prim_value(7)
        return (first, shape, value)

    bindings = f.body.blocks[0].bindings
    assert isinstance(bindings[0].var.struct_info_, relax.TupleStructInfo)
    assert bindings[1].var.struct_info_.ndim == 2
    assert bindings[2].var.struct_info_.values[1].value == 3
    assert bindings[3].var.struct_info_.dtype == "int64"
    assert len(f.ret_struct_info.fields) == 3
    assert "global_symbol" not in f.attrs  # a function on its own has only R.func_attr's
    assert_roundtrip(f)


def test_nested_calls_are_bound_to_variables_of_their_own():
    @R.function
    def f(x: R.Tensor((4,), "float32")):
        with R.dataflow():
            y = R.call_pure_packed(
                "outer", R.call_pure_packed("inner", x, sinfo_args=R.Tensor((4,), "float32")),
                sinfo_args=R.Tensor((4,), "float32"))
            R.output(y)
        return y

    inner, outer = f.body.blocks[0].bindings
    assert isinstance(inner.var, relax.DataflowVar)
    assert outer.value.args[0].same_as(inner.var)
    assert_roundtrip(f)


def test_annotation_less_specific_than_the_value_is_kept():
    @R.function
    def f(x: R.Tensor((2, 3), "float32")) -> R.Tensor(ndim=2, dtype="float32"):
        y: R.Tensor(ndim=2, dtype="float32") = x
        z: R.Tensor((2, 3), "float32") = x
        return y

    y, z = (b.var for b in f.body.blocks[0].bindings)
    assert y.struct_info_.shape is None and y.struct_info_.ndim == 2
    assert z.struct_info_.shape.values[0].value == 2
    assert f.ret_struct_info.ndim == 2
    assert_roundtrip(f)


def test_match_cast_defines_new_symbolic_variables():
    @R.function
    def f(x: R.Tensor(ndim=2, dtype="float32")):
        y = R.match_cast(x, R.Tensor(("m", "k"), "float32"))
        s = R.shape(["m", 2])
        return (y, s)

    cast = f.body.blocks[0].bindings[0]
    assert isinstance(cast, relax.MatchCast)
    m = cast.struct_info.shape.values[0]
    assert isinstance(m, tir.Var) and m.name_hint == "m"
    assert cast.var.struct_info_.shape.values[0].same_as(m)
    assert f.body.blocks[0].bindings[1].value.values[0].same_as(m)
    text = f.script()
    assert "    m = T.int64()\n    k = T.int64()\n" in text
    assert_roundtrip(f)


def test_if_else_binds_the_join_of_both_branches():
    @R.function
    def f(c: R.Prim("bool"), x: R.Tensor((2, 3), "float32"), y: R.Tensor((4,), "float32")):
        if c:
            a = R.call_pure_packed("g", x, sinfo_args=R.Tensor((2, 3), "float32"))
            r = a
        else:
            r = y
        return r

    binding = f.body.blocks[0].bindings[0]
    assert isinstance(binding.value, relax.If)
    assert binding.var.struct_info_.dtype == "float32"
    assert binding.var.struct_info_.ndim == -1  # rank 2 joined with rank 1
    assert len(binding.value.true_branch.blocks) == 1
    assert binding.value.false_branch.body.same_as(f.params[2])
    assert_roundtrip(f)


def test_relax_functions_call_each_other_in_any_order():
    @I.ir_module
    class Module:
        @R.function
        def main(x: R.Tensor((3, 5), "float32")) -> R.Tensor((3, 5), "float32"):
            y = cls.double(x)
            return y

        @R.function(private=True)
        def double(a: R.Tensor(("p", "q"), "float32")) -> R.Tensor(("p", "q"), "float32"):
            b = R.call_pure_packed("twice", a, sinfo_args=R.Tensor(("p", "q"), "float32"))
            return b

    call = Module["main"].body.blocks[0].bindings[0]
    assert call.value.op.same_as(Module.get_global_var("double"))
    # The callee's symbolic shape is instantiated with the caller's dimensions.
    assert [int(d) for d in call.var.struct_info_.shape.values] == [3, 5]
    assert "global_symbol" not in Module["double"].attrs
    text = Module.script()
    assert "@R.function(private=True)\n    def double(" in text
    assert "y: R.Tensor((3, 5), dtype=\"float32\") = cls.double(x)" in text
    assert_roundtrip(Module)


def test_function_options_and_attributes():
    @I.ir_module
    class Module:
        @R.function(pure=False)
        def main(x: R.Tensor((4,), "float32")):
            R.func_attr({"num_input": 1, "global_symbol": "entry"})
            R.call_pure_packed("log", x, sinfo_args=R.Object)
            return x

    main = Module["main"]
    assert not main.is_pure
    assert main.attrs["global_symbol"] == "entry" and main.attrs["num_input"].value == 1
    effect = main.body.blocks[0].bindings[0]
    assert effect.var.name_hint == "_"
    text = Module.script()
    assert "@R.function(pure=False)" in text
    assert 'R.func_attr({"num_input": 1, "global_symbol": "entry"})' in text
    assert_roundtrip(Module)


def test_operators_are_looked_up_in_relax_op_when_used():
    from tessel.relax import op

    wrappers = [n for n in dir(op) if not n.startswith("_") and inspect.isfunction(getattr(op, n))
                and getattr(op, n).__module__ != "tessel.relax.op._make"]
    assert "call_tir" in wrappers
    for name in wrappers:
        assert callable(getattr(R, name))
    for name in ["no_such_op", "make_call", "unary"]:  # helpers and modules are not operators
        with pytest.raises(AttributeError, match=name):
            getattr(R, name)


def test_registered_operator_without_a_wrapper_is_called_generically(monkeypatch):
    from tessel.script import relax as relax_dialect

    monkeypatch.setattr(relax_dialect, "_wrapper", lambda path: None)
    call_pure = relax_dialect._lookup_op("call_pure_packed")
    x = relax.Var("x", relax.TensorStructInfo([4], "float32"))
    call = call_pure(x, callee=relax.ExternFunc("f"), sinfo_args=[R.Tensor((4,), "float32")])
    assert call.op.name == "relax.call_pure_packed"
    assert call.attrs["callee"].global_symbol == "f"
    assert call.sinfo_args[0].ndim == 1


def test_struct_info_makers():
    assert R.Tensor("float16", ndim=3).ndim == 3
    assert R.Tensor().dtype == "void"
    assert R.Shape([1, "n"]).values[1].dtype == "int64"
    assert isinstance(R.Tuple(R.Tensor, R.Object).fields[0], relax.TensorStructInfo)
    assert not R.Callable((R.Object,), R.Object, purity=False).purity
    with pytest.raises(TypeError, match="shape dimension"):
        R.Tensor((1.5,), "float32")


# ---- errors ------------------------------------------------------------------------------


def _error(text, kind=ParseError):
    with pytest.raises(kind) as info:
        from_source(text, file="m.py")
    return str(info.value)


def _function(body, params='x: R.Tensor((4,), "float32")'):
    return f"@R.function\ndef f({params}):\n" + body


def test_unknown_r_name_names_it_with_its_location():
    message = _error(_function("    y = R.no_such_op(x)\n    return y\n"))
    assert message.startswith("m.py:3:9: error: 'R' has no attribute 'no_such_op'")
    assert "    3 |     y = R.no_such_op(x)" in message


def test_undefined_variable():
    assert _error(_function("    return zz\n")).startswith("m.py:3:12: error: unknown name 'zz'")


def test_output_outside_a_dataflow_block():
    message = _error(_function("    R.output(x)\n    return x\n"))
    assert message.startswith("m.py:3:5: error: R.output(...) ends a dataflow block and is "
                              "not allowed outside one")


def test_output_must_end_its_block_and_name_its_variables():
    body = ("    with R.dataflow():\n        R.output(x)\n        lv = x\n"
            "    return x\n")
    assert "must be its last statement" in _error(_function(body))
    body = "    with R.dataflow():\n        lv = x\n        R.output(gv)\n    return x\n"
    assert _error(_function(body)).startswith(
        "m.py:5:18: error: R.output: 'gv' is not bound in this dataflow block")


def test_dataflow_var_used_after_its_block():
    body = ("    with R.dataflow():\n"
            "        lv = R.call_dps_packed(\"g\", (x,), out_sinfo=R.Tensor((4,), \"float32\"))\n"
            "        gv = lv\n"
            "        R.output(gv)\n"
            "    return lv\n")
    message = _error(_function(body))
    assert message.startswith("m.py:7:12: error: 'lv' is a DataflowVar of the dataflow block "
                              "at line 3, not visible after it")


def test_annotation_that_contradicts_inference():
    body = ('    y: R.Tensor((5,), "float32") = R.call_dps_packed("g", (x,), '
            'out_sinfo=R.Tensor((4,), "float32"))\n    return y\n')
    message = _error(_function(body), TypeInferenceError)
    assert message.startswith("m.py:3:8: error: 'y' is annotated R.Tensor((5,), "
                              "dtype=\"float32\"), but its value is R.Tensor((4,), "
                              "dtype=\"float32\"); use R.match_cast")


def test_annotation_more_specific_than_inference_asks_for_match_cast():
    body = '    y: R.Tensor((4,), "float32") = x\n    return y\n'
    message = _error(_function(body, 'x: R.Tensor(ndim=1, dtype="float32")'), TypeInferenceError)
    assert "use R.match_cast" in message


def test_return_annotation_that_contradicts_the_body():
    text = '@R.function\ndef f(x: R.Tensor((4,), "float32")) -> R.Tensor((4,), "int32"):\n' \
           '    return x\n'
    message = _error(text, TypeInferenceError)
    assert message.startswith("m.py:2:40: error: the function returns R.Tensor((4,), "
                              "dtype=\"float32\"), which is not a R.Tensor((4,), dtype=\"int32\")")


def test_inference_errors_point_at_the_expression():
    text = ("@I.ir_module\nclass Module:\n"
            "    @R.function\n"
            "    def g(x: R.Tensor((\"n\",), \"float32\")) -> R.Tensor((\"n\",), \"float32\"):\n"
            "        return x\n"
            "    @R.function\n"
            "    def f(x: R.Tensor((4, 4), \"float32\")):\n"
            "        y = cls.g(x)\n"
            "        return y\n")
    message = _error(text, TypeInferenceError)
    assert message.startswith("m.py:8:13: error: relax.Call: argument 0 of g (parameter x) "
                              "does not match")
    message = _error(_function("    t = (x, x)\n    y = t[2]\n    return y\n"), TypeInferenceError)
    assert message.startswith("m.py:4:9: error: relax.TupleGetItem: index 2 is out of range")


def test_errors_in_decorated_functions_name_the_python_file_line():
    with pytest.raises(ParseError) as info:
        @R.function
        def f(x: R.Tensor((4,), "float32")):
            return undefined_here  # noqa: F821

    line = inspect.currentframe().f_lineno - 2
    assert f"{__file__}:{line}:20: error: unknown name 'undefined_here'" in str(info.value)


@pytest.mark.parametrize("body, params, message", [
    ("    return x\n", "x", "parameter 'x' needs struct info"),
    ("    y = x\n", 'x: R.Tensor((4,), "float32")', "a Relax function ends with return"),
    ("    if c:\n        y = x\n    return x\n", 'c: R.Prim("bool"), x: R.Tensor((4,), "float32")',
     "an if in a Relax function needs an else branch"),
    ("    if c:\n        a = x\n    else:\n        b = x\n    return x\n",
     'c: R.Prim("bool"), x: R.Tensor((4,), "float32")',
     "both branches assign the result of the if"),
    ("    with R.dataflow():\n        lv = x\n        if x:\n            y = x\n        else:\n"
     "            y = x\n        R.output(lv)\n    return lv\n", 'x: R.Prim("bool")',
     "if is not allowed in a dataflow block"),
    ("    y = R.call_pure_packed(\"f\", x, 1, sinfo_args=R.Object)\n    return y\n",
     'x: R.Tensor((4,), "float32")', "expected a Relax expression, found int 1"),
    ("    a, b = (x, x)\n    return a\n", 'x: R.Tensor((4,), "float32")',
     "bind a tuple to one name"),
    ("    R.match_cast(x, R.Tensor((4,), \"float32\"))\n    return x\n",
     'x: R.Tensor((4,), "float32")', "bind R.match_cast to a variable"),
    ("    return x\n    y = x\n", 'x: R.Tensor((4,), "float32")', "statements after return"),
])
def test_malformed_functions(body, params, message):
    assert message in _error(_function(body, params))


def test_unknown_decorator_option():
    text = '@R.function(purity=False)\ndef f(x: R.Tensor((4,), "float32")):\n    return x\n'
    assert "@R.function has no option 'purity'" in _error(text)


def test_unknown_function_of_the_module():
    text = ("@I.ir_module\nclass Module:\n    @R.function\n"
            "    def f(x: R.Tensor((4,), \"float32\")):\n"
            "        y = cls.nope(x)\n        return y\n")
    assert _error(text).startswith("m.py:5:13: error: 'cls' has no attribute 'nope'")
