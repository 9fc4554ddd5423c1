"""IRModule and the node base class from Python."""

import pytest

import tessel
from tessel import ir
from tessel.error import InvalidArgumentError, TesselError


def test_module_attributes_and_lookup_errors():
    mod = ir.IRModule(attrs={"version": 2, "name": "demo"})
    assert mod.attrs.dict == {"version": mod.attrs.dict["version"], "name": "demo"}
    assert mod.attrs.dict["version"].value == 2
    assert len(mod) == 0
    assert "main" not in mod
    with pytest.raises(InvalidArgumentError, match="no function named 'main'"):
        mod["main"]
    assert isinstance(InvalidArgumentError("x"), ValueError)
    assert issubclass(InvalidArgumentError, TesselError)


def test_with_attr_returns_a_new_module():
    mod = ir.IRModule()
    updated = mod.with_attr("opt", True)
    assert "opt" not in mod.attrs.dict
    assert updated.attrs.dict["opt"].value == 1


def test_fields_are_read_only_and_equality_is_identity():
    a = ir.IntImm("int32", 3)
    b = ir.IntImm("int32", 3)
    assert a.value == 3 and a.dtype == "int32"
    assert a == a and a != b
    assert ir.structural_equal(a, b)
    assert ir.structural_hash(a) == ir.structural_hash(b)
    with pytest.raises(AttributeError):
        a.value = 4
    with pytest.raises(AttributeError, match="ir.IntImm has no field 'nope'"):
        a.nope  # noqa: B018
    assert "value" in dir(a)


def test_constructor_errors_name_the_problem():
    with pytest.raises(InvalidArgumentError, match="value 300 does not fit in int8"):
        ir.IntImm("int8", 300)
    with pytest.raises(InvalidArgumentError, match="expected a data type .* found 'float31'"):
        ir.IntImm("float31", 1)


def test_repr_is_script():
    assert repr(ir.IntImm("int64", 5)) == "T.int64(5)"
    assert "@I.ir_module" in repr(ir.IRModule())


def test_assert_structural_equal_reports_the_path():
    lhs = ir.IRModule(attrs={"a": 1})
    rhs = ir.IRModule(attrs={"a": 2})
    with pytest.raises(InvalidArgumentError, match="attrs"):
        ir.assert_structural_equal(lhs, rhs)


def test_version():
    assert tessel.__version__


def test_constants_convert_to_python_numbers():
    assert int(ir.IntImm("int64", 7)) == 7
    assert list(range(3))[ir.IntImm("int32", 1)] == 1  # __index__
    assert float(ir.FloatImm("float32", 0.5)) == 0.5
