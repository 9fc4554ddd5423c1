"""The script parser framework and the I dialect: round trips and error locations."""

import pytest

from tessel import ir
from tessel.error import ParseError
from tessel.script import from_source
from tessel.script import ir as I
from tessel.testing import assert_roundtrip


def test_module_attrs_round_trip():
    mod = ir.IRModule(attrs={"version": 2, "name": "demo", "flags": [1, 2], "ratio": 0.5})
    parsed = assert_roundtrip(mod)
    assert parsed.attrs.dict["name"] == "demo"


def test_decorator_parses_a_class_in_place():
    version = 3  # a Python variable of the enclosing scope is visible to the script

    @I.ir_module
    class Module:
        I.module_attrs({"version": version})

    assert isinstance(Module, ir.IRModule)
    assert Module.attrs.dict["version"].value == 3


def test_empty_module_prints_pass_and_parses():
    assert_roundtrip(ir.IRModule())


def test_unknown_name_points_at_it():
    text = "@I.ir_module\nclass Module:\n    I.module_attrs({\"a\": undefined_name})\n"
    with pytest.raises(ParseError) as info:
        from_source(text, file="m.py")
    message = str(info.value)
    assert "m.py:3:26: error: unknown name 'undefined_name'" in message
    assert "    3 |     I.module_attrs" in message
    assert message.rstrip().endswith("^" * len("undefined_name"))
    assert (info.value.line, info.value.column) == (3, 26)


def test_syntax_error_has_a_location():
    with pytest.raises(ParseError, match=r"<string>:2:\d+: error:"):
        from_source("@I.ir_module\nclass Module(:\n    pass\n")


def test_unexpected_statement_in_module():
    with pytest.raises(ParseError, match="expected a decorated function"):
        from_source("@I.ir_module\nclass Module:\n    x = 1\n")


def test_missing_decorator():
    with pytest.raises(ParseError, match="has no script decorator"):
        from_source("class Module:\n    pass\n")


def test_unknown_attribute_of_a_dialect():
    with pytest.raises(ParseError, match="'I' has no attribute 'no_such_thing'"):
        from_source("@I.no_such_thing\nclass Module:\n    pass\n")
