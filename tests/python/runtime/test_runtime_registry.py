"""The global function registry and PackedFunc argument conversion, from Python."""

import os
import subprocess
import sys

import numpy as np
import pytest
import torch

from tessel import runtime
from tessel.error import InvalidArgumentError


def test_python_function_is_callable_through_the_registry():
    @runtime.register_func("test.py.add")
    def add(a, b):
        return a + b

    f = runtime.get_global_func("test.py.add")
    assert isinstance(f, runtime.PackedFunc)
    assert f(2, 3) == 5
    assert f("a", "b") == "ab"
    assert f(1.5, 2) == 3.5
    assert "test.py.add" in runtime.list_global_func_names()


def test_duplicate_registration_needs_override():
    runtime.register_func("test.py.dup", lambda: 1)
    with pytest.raises(InvalidArgumentError, match="'test.py.dup' is already registered"):
        runtime.register_func("test.py.dup", lambda: 2)
    runtime.register_func("test.py.dup", lambda: 3, override=True)
    assert runtime.get_global_func("test.py.dup")() == 3


def test_register_rejects_non_callables():
    with pytest.raises(InvalidArgumentError, match="expected a callable, but found int"):
        runtime.register_func("test.py.not_callable", 3)


def test_thread_count_from_environment():
    code = "from tessel import runtime; print(runtime.get_global_func('runtime.NumThreads')())"
    env = dict(os.environ, TESSEL_NUM_THREADS="3")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"


def test_missing_functions():
    assert runtime.get_global_func("test.py.nothing", allow_missing=True) is None
    with pytest.raises(InvalidArgumentError, match="no global function is registered as 'test.py.nothing'"):
        runtime.get_global_func("test.py.nothing")


def test_values_round_trip_through_a_packed_func():
    identity = runtime.register_func("test.py.identity", lambda x: x)
    for value in [None, True, False, 0, -7, 2**62, 1.25, "text", [1, "two", [3.0]]]:
        assert identity(value) == value
        assert type(identity(value)) is type(value)
    assert identity((1, 2)) == [1, 2]
    assert identity(np.int32(4)) == 4 and identity(np.float32(0.5)) == 0.5
    assert identity(np.bool_(True)) is True
    t = runtime.empty((2,), "float32")
    assert identity(t).same_as(t)
    with pytest.raises(InvalidArgumentError, match="does not fit in 64 bits"):
        identity(2**64)
    with pytest.raises(InvalidArgumentError, match="argument 0: cannot pass a Python object"):
        identity(object())
    with pytest.raises(InvalidArgumentError,
                       match="argument 1: DLPack only supports native byte order"):
        identity(1, np.zeros(2, ">f4"))


def test_arrays_pass_without_copy():
    @runtime.register_func("test.py.fill")
    def fill(t, value):
        assert isinstance(t, runtime.Tensor)
        t.numpy()[:] = value
        return t.data_ptr

    f = runtime.get_global_func("test.py.fill")
    a = np.zeros((3,), dtype=np.float32)
    assert f(a, 2.0) == a.ctypes.data
    np.testing.assert_array_equal(a, 2.0)
    x = torch.zeros(4, dtype=torch.int64)
    assert f(x, 5) == x.data_ptr()
    assert x.tolist() == [5, 5, 5, 5]


def test_callables_pass_as_functions():
    apply = runtime.register_func("test.py.apply", lambda f, x: f(x))
    assert apply(lambda v: v * 10, 4) == 40
    returned = runtime.register_func("test.py.make_adder", lambda n: (lambda x: x + n))(3)
    assert isinstance(returned, runtime.PackedFunc)
    assert returned(4) == 7


def test_python_exceptions_come_back():
    def boom():
        raise KeyError("missing thing")

    f = runtime.register_func("test.py.boom", boom)
    with pytest.raises(KeyError, match="missing thing"):
        f()
    nested = runtime.register_func("test.py.call", lambda g: g())
    with pytest.raises(KeyError, match="missing thing"):
        nested(f)


def test_cpp_functions_are_callable_from_python():
    assert "runtime.TimeEvaluator" in runtime.list_global_func_names()
    assert runtime.get_global_func("runtime.NumThreads")() >= 1
    calls = []
    f = runtime.register_func("test.py.count", lambda: calls.append(1))
    timer = runtime.get_global_func("runtime.TimeEvaluator")(f, 3, 2, 0)
    times = timer()
    assert len(times) == 2 and all(t >= 0 for t in times)
    assert len(calls) == 1 + 3 * 2
    with pytest.raises(InvalidArgumentError, match="expected PackedFunc, but found int 1"):
        runtime.get_global_func("runtime.TimeEvaluator")(1, 1, 1, 0)
