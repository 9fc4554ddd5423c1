"""The relax.nn operators: struct-info inference (static and symbolic shapes), its errors,
and numerics of the legalized kernels against torch.nn.functional and numpy."""

import os
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from tessel import relax, tir
from tessel._core.relax import op_pattern
from tessel.error import InvalidArgumentError, TypeInferenceError
from tessel.ir import Op
from tessel.testing import assert_roundtrip

sys.path.insert(0, os.path.dirname(__file__))
from _legalize_util_nn import evaluate, infer, legalize, random, run, shape_of, var  # noqa: E402


def fails(pattern):
    """Expects a TypeInferenceError whose message matches pattern."""
    return pytest.raises(TypeInferenceError, match=pattern)


# float32 elementwise math (erf, tanh, exp are polynomial approximations) and sums of a
# few hundred products.
ELEMENTWISE = {"rtol": 1e-5, "atol": 1e-6}
REDUCED = {"rtol": 1e-4, "atol": 1e-5}


def torch_ref(fn, *arrays, **kwargs):
    """fn applied to the arrays as torch tensors, back as numpy."""
    return fn(*(torch.from_numpy(a) for a in arrays), **kwargs).numpy()


# --- activations ---------------------------------------------------------------------

ACTIVATIONS = {
    "relu": (relax.op.nn.relu, F.relu),
    "gelu": (relax.op.nn.gelu, F.gelu),
    "gelu_tanh": (relax.op.nn.gelu_tanh, lambda t: F.gelu(t, approximate="tanh")),
    "silu": (relax.op.nn.silu, F.silu),
    "leakyrelu": (lambda x: relax.op.nn.leakyrelu(x, 0.2), lambda t: F.leaky_relu(t, 0.2)),
    "softmax": (lambda x: relax.op.nn.softmax(x, axis=1), lambda t: F.softmax(t, dim=1)),
    "log_softmax": (relax.op.nn.log_softmax, lambda t: F.log_softmax(t, dim=-1)),
}


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_numerics(name):
    op, reference = ACTIVATIONS[name]
    data = random((3, 7, 5)) * 3
    expected = torch_ref(reference, data)
    np.testing.assert_allclose(run(op(var("x", data.shape)), data, expected=expected), expected,
                               **ELEMENTWISE)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_symbolic(name):
    op, reference = ACTIVATIONS[name]
    n = tir.Var("n", "int64")
    call = op(var("x", [2, n, 4]))
    assert shape_of(infer(call)) == [2, n, 4]
    for size in (1, 9):
        data = random((2, size, 4))
        expected = torch_ref(reference, data)
        np.testing.assert_allclose(run(call, data, expected=expected), expected, **ELEMENTWISE)


def test_relu_integers():
    data = random((4, 5), "int32")
    out = run(relax.op.nn.relu(var("x", data.shape, "int32")), data, expected=np.maximum(data, 0))
    np.testing.assert_array_equal(out, np.maximum(data, 0))


@pytest.mark.parametrize("op, reference", [
    (relax.op.nn.softmax, F.softmax), (relax.op.nn.log_softmax, F.log_softmax)])
def test_softmax_is_stable(op, reference):
    # exp(1000) overflows float32: only subtracting the max first gives finite results.
    data = np.array([[1000.0, 999.0, -1000.0], [-5.0, 0.0, 5.0]], "float32")
    expected = torch_ref(reference, data, dim=-1)
    out = run(op(var("x", data.shape)), data, expected=expected)
    assert np.isfinite(out).all()
    np.testing.assert_allclose(out, expected, **ELEMENTWISE)


def test_activation_errors():
    ints = var("i", [2, 3], "int32")
    for op in (relax.op.nn.gelu, relax.op.nn.silu, relax.op.nn.softmax):
        with fails(r"relax.nn.\w+: argument x has dtype int32, but a float dtype"):
            infer(op(ints))
    with fails(r"relax.nn.softmax.*axis"):
        infer(relax.op.nn.softmax(var("x", [2, 3]), axis=2))
    with fails(r"relax.nn.log_softmax: argument x has 0 dim"):
        infer(relax.op.nn.log_softmax(var("x", [])))
    with fails(r"relax.nn.dropout: attribute rate is 1"):
        infer(relax.op.nn.dropout(var("x", [2]), rate=1.0))


def test_dropout_is_the_identity():
    x = var("x", [4, 8])
    assert shape_of(infer(relax.op.nn.dropout(x, 0.1))) == [4, 8]
    _, out = legalize(relax.op.nn.dropout(x, 0.1))
    assert out.same_as(x)


# --- normalizations ------------------------------------------------------------------

def test_layer_norm_numerics():
    data, gamma, beta = random((2, 3, 8)), random((8,)), random((8,))
    expected = torch_ref(lambda x, g, b: F.layer_norm(x, (8,), g, b, eps=1e-5), data, gamma, beta)
    call = relax.op.nn.layer_norm(var("x", data.shape), var("g", [8]), var("b", [8]), axes=-1)
    np.testing.assert_allclose(run(call, data, gamma, beta, expected=expected), expected, **REDUCED)
    # Two normalized axes; without center and scale gamma and beta are ignored.
    gamma, beta = random((3, 8)), random((3, 8))
    expected = torch_ref(lambda x: F.layer_norm(x, (3, 8), eps=1e-3), data)
    call = relax.op.nn.layer_norm(var("x", data.shape), var("g", [3, 8]), var("b", [3, 8]),
                                  axes=[1, 2], epsilon=1e-3, center=False, scale=False)
    np.testing.assert_allclose(run(call, data, gamma, beta, expected=expected), expected, **REDUCED)


def test_layer_norm_symbolic():
    n = tir.Var("n", "int64")
    call = relax.op.nn.layer_norm(var("x", [n, 16]), var("g", [16]), var("b", [16]), axes=[1])
    assert shape_of(infer(call)) == [n, 16]
    gamma, beta = random((16,)), random((16,))
    for rows in (1, 5):
        data = random((rows, 16))
        expected = torch_ref(lambda x, g, b: F.layer_norm(x, (16,), g, b), data, gamma, beta)
        np.testing.assert_allclose(run(call, data, gamma, beta, expected=expected), expected,
                                   **REDUCED)


def test_rms_norm_numerics():
    n = tir.Var("n", "int64")
    weight = random((12,))
    call = relax.op.nn.rms_norm(var("x", [n, 3, 12]), var("w", [12]), epsilon=1e-6)
    for rows in (1, 4):
        data = random((rows, 3, 12))
        expected = torch_ref(lambda x, w: F.rms_norm(x, (12,), w, eps=1e-6), data, weight)
        np.testing.assert_allclose(run(call, data, weight, expected=expected), expected, **REDUCED)


def test_batch_norm_numerics():
    n = tir.Var("n", "int64")
    gamma, beta, mean = random((4,)), random((4,)), random((4,))
    variance = np.abs(random((4,))) + 0.5
    params = [var(name, [4]) for name in ("gamma", "beta", "mean", "var")]
    call = relax.op.nn.batch_norm(var("x", [n, 4, 3, 3]), *params, epsilon=1e-3)
    assert shape_of(infer(call)) == [n, 4, 3, 3]
    for batch in (1, 2):
        data = random((batch, 4, 3, 3))
        expected = torch_ref(lambda x, m, v, g, b: F.batch_norm(x, m, v, g, b, False, 0.1, 1e-3),
                             data, mean, variance, gamma, beta)
        out = run(call, data, gamma, beta, mean, variance, expected=expected)
        np.testing.assert_allclose(out, expected, **ELEMENTWISE)
    # The channels may sit on another axis.
    data = random((2, 3, 4))
    call = relax.op.nn.batch_norm(var("x", [2, 3, 4]), *params, axis=-1)
    expected = (data - mean) / np.sqrt(variance + 1e-5) * gamma + beta
    np.testing.assert_allclose(run(call, data, gamma, beta, mean, variance, expected=expected),
                               expected, **REDUCED)


def test_norm_errors():
    x = var("x", [2, 3, 8])
    with fails(r"relax.nn.layer_norm: argument gamma: dimension 0 is 7, but x dimension 2 is 8"):
        infer(relax.op.nn.layer_norm(x, var("g", [7]), var("b", [8]), axes=-1))
    with fails(r"relax.nn.layer_norm: argument beta has 1 dimensions, but 2 are expected"):
        infer(relax.op.nn.layer_norm(x, var("g", [3, 8]), var("b", [8]), axes=[1, 2]))
    with fails(r"relax.nn.rms_norm: argument weight has dtype float16"):
        infer(relax.op.nn.rms_norm(x, var("w", [8], "float16")))
    with fails(r"relax.nn.batch_norm: argument moving_var: dimension 0 is 4, but x dimension 1 is"
               r" 3"):
        params = [var("g", [3]), var("b", [3]), var("m", [3]), var("v", [4])]
        infer(relax.op.nn.batch_norm(x, *params))
    with fails(r"relax.nn.layer_norm: attribute axes names axis 2 twice"):
        infer(relax.op.nn.layer_norm(x, var("g", [8, 8]), var("b", [8, 8]), axes=[2, -1]))
    with fails(r"relax.nn.layer_norm: argument x has dtype int32"):
        infer(relax.op.nn.layer_norm(var("i", [2, 8], "int32"), var("g", [8], "int32"),
                                     var("b", [8], "int32"), axes=-1))


# --- convolution ---------------------------------------------------------------------

CONVS = [
    # (data shape, weight shape, strides, padding, dilation, groups)
    ((1, 3, 8, 8), (4, 3, 3, 3), 1, 0, 1, 1),
    ((2, 3, 9, 7), (5, 3, 3, 2), 2, 1, 1, 1),
    ((1, 2, 10, 10), (3, 2, 3, 3), 1, 2, 2, 1),
    ((1, 4, 6, 6), (6, 2, 3, 3), 1, 1, 1, 2),
    ((2, 4, 7, 7), (4, 1, 3, 3), (2, 1), (1, 0), 1, 4),  # depthwise
    ((1, 2, 5, 5), (2, 2, 1, 1), 1, 0, 1, 1),
]


@pytest.mark.parametrize("dshape, wshape, strides, padding, dilation, groups", CONVS)
def test_conv2d_numerics(dshape, wshape, strides, padding, dilation, groups):
    data, weight = random(dshape), random(wshape)
    expected = torch_ref(lambda x, w: F.conv2d(x, w, None, strides, padding, dilation, groups),
                         data, weight)
    call = relax.op.nn.conv2d(var("x", dshape), var("w", wshape), strides, padding, dilation,
                              groups)
    assert shape_of(infer(call)) == list(expected.shape)
    np.testing.assert_allclose(run(call, data, weight, expected=expected), expected, **REDUCED)


def test_conv2d_asymmetric_padding_and_out_dtype():
    data, weight = random((1, 2, 6, 5)), random((3, 2, 3, 3))
    # (top, left, bottom, right) = (0, 1, 2, 3); F.pad takes (left, right, top, bottom).
    padded = np.pad(data, ((0, 0), (0, 0), (0, 2), (1, 3)))
    expected = torch_ref(F.conv2d, padded, weight).astype("float64")
    call = relax.op.nn.conv2d(var("x", data.shape), var("w", weight.shape), padding=(0, 1, 2, 3),
                              out_dtype="float64")
    np.testing.assert_allclose(run(call, data, weight, expected=expected), expected, **REDUCED)


def test_conv2d_symbolic():
    n, h, w = (tir.Var(name, "int64") for name in "nhw")
    call = relax.op.nn.conv2d(var("x", [n, 3, h, w]), var("k", [8, 3, 3, 3]), padding=1)
    assert shape_of(infer(call)) == [n, 8, h, w]
    weight = random((8, 3, 3, 3))
    for shape in [(1, 3, 5, 5), (2, 3, 8, 11)]:
        data = random(shape)
        expected = torch_ref(lambda x, k: F.conv2d(x, k, padding=1), data, weight)
        np.testing.assert_allclose(run(call, data, weight, expected=expected), expected, **REDUCED)
    strided = relax.op.nn.conv2d(var("x", [n, 3, h, w]), var("k", [8, 3, 3, 3]), strides=2)
    height = shape_of(infer(strided))[2]
    assert [evaluate(height, {h: size}) for size in range(3, 9)] == [1, 1, 2, 2, 3, 3]


def test_conv2d_errors():
    x = var("x", [1, 4, 8, 8])
    with fails(r"relax.nn.conv2d: argument weight: dimension 1 is 3, but data dimension 1 is 4"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 3, 3, 3])))
    with fails(r"relax.nn.conv2d: argument weight: dimension 1 is 4, but data dimension 1 /"
               r" groups=2 is 2"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 3, 3]), groups=2))
    with fails(r"argument data: dimension 1 is 4, which groups=3 does not divide"):
        infer(relax.op.nn.conv2d(x, var("w", [3, 1, 3, 3]), groups=3))
    with fails(r"argument weight: dimension 0 is 3, which groups=2 does not divide"):
        infer(relax.op.nn.conv2d(x, var("w", [3, 2, 3, 3]), groups=2))
    with fails(r"relax.nn.conv2d: the window height 9 \(dilation included\) exceeds the padded"
               r" input height 8"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 5, 3]), dilation=2))
    with fails(r"argument weight has 3 dimensions, but 4 are expected \(OIHW\)"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 3])))
    with fails(r"attribute data_layout is NHWC, but only NCHW is supported"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 3, 3]), data_layout="NHWC"))
    with fails(r"attribute padding has 3 values, but 4 are expected"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 3, 3]), padding=(1, 1, 1)))
    with fails(r"attribute strides\[1\] is 0, but it must be at least 1"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 3, 3]), strides=(1, 0)))
    with fails(r"relax.nn.conv2d.*float16"):
        infer(relax.op.nn.conv2d(x, var("w", [2, 4, 3, 3], "float16")))


# --- pooling -------------------------------------------------------------------------

POOLS = [
    # (pool_size, strides, padding, ceil_mode)
    (2, 2, 0, False), (3, 1, 1, False), (3, 2, 1, True), ((2, 3), (1, 2), (1, 0), False),
    (2, 2, 0, True),
]


@pytest.mark.parametrize("pool_size, strides, padding, ceil_mode", POOLS)
def test_max_pool2d_numerics(pool_size, strides, padding, ceil_mode):
    data = random((2, 3, 7, 8))
    expected = torch_ref(lambda x: F.max_pool2d(x, pool_size, strides, padding,
                                                ceil_mode=ceil_mode), data)
    call = relax.op.nn.max_pool2d(var("x", data.shape), pool_size, strides, padding,
                                  ceil_mode=ceil_mode)
    assert shape_of(infer(call)) == list(expected.shape)
    np.testing.assert_array_equal(run(call, data, expected=expected), expected)


def test_max_pool2d_dilation_and_integers():
    data = random((1, 2, 9, 9), "int32")
    expected = torch_ref(lambda x: F.max_pool2d(x.double(), 3, 2, 1, dilation=2).int(), data)
    call = relax.op.nn.max_pool2d(var("x", data.shape, "int32"), 3, 2, 1, dilation=2)
    np.testing.assert_array_equal(run(call, data, expected=expected), expected)


@pytest.mark.parametrize("count_include_pad", [False, True])
@pytest.mark.parametrize("pool_size, strides, padding, ceil_mode", POOLS)
def test_avg_pool2d_numerics(pool_size, strides, padding, ceil_mode, count_include_pad):
    data = random((2, 3, 7, 8))
    expected = torch_ref(lambda x: F.avg_pool2d(x, pool_size, strides, padding, ceil_mode,
                                                count_include_pad), data)
    call = relax.op.nn.avg_pool2d(var("x", data.shape), pool_size, strides, padding,
                                  ceil_mode=ceil_mode, count_include_pad=count_include_pad)
    assert shape_of(infer(call)) == list(expected.shape)
    np.testing.assert_allclose(run(call, data, expected=expected), expected, **ELEMENTWISE)


def test_avg_pool2d_dilation():
    # PyTorch's avg_pool2d has no dilation: average the dilated windows by hand.
    data = random((1, 1, 7, 7))
    padded = np.pad(data, ((0, 0), (0, 0), (1, 1), (1, 1)))
    expected = np.zeros((1, 1, 3, 3), "float32")
    for y in range(3):
        for x in range(3):
            window = padded[0, 0, 2 * y:2 * y + 5:2, 2 * x:2 * x + 5:2]
            inside = [(2 * y + 2 * i - 1) in range(7) and (2 * x + 2 * j - 1) in range(7)
                      for i in range(3) for j in range(3)]
            expected[0, 0, y, x] = window.sum() / sum(inside)
    call = relax.op.nn.avg_pool2d(var("x", data.shape), 3, 2, 1, dilation=2)
    np.testing.assert_allclose(run(call, data, expected=expected), expected, **ELEMENTWISE)


def test_pool2d_symbolic():
    n, h = tir.Var("n", "int64"), tir.Var("h", "int64")
    max_call = relax.op.nn.max_pool2d(var("x", [n, 2, h, 6]), 3, 1, 1)
    avg_call = relax.op.nn.avg_pool2d(var("x", [n, 2, h, 6]), (3, 2), (1, 2), (1, 0))
    assert shape_of(infer(max_call)) == [n, 2, h, 6]
    assert shape_of(infer(avg_call)) == [n, 2, h, 3]
    for shape in [(1, 2, 4, 6), (3, 2, 9, 6)]:
        data = random(shape)
        expected = torch_ref(lambda x: F.max_pool2d(x, 3, 1, 1), data)
        np.testing.assert_array_equal(run(max_call, data, expected=expected), expected)
        expected = torch_ref(lambda x: F.avg_pool2d(x, (3, 2), (1, 2), (1, 0),
                                                    count_include_pad=False), data)
        np.testing.assert_allclose(run(avg_call, data, expected=expected), expected, **ELEMENTWISE)


@pytest.mark.parametrize("in_size, out_size", [((5, 7), (3, 4)), ((8, 8), (2, 2)), ((4, 6), None),
                                               ((3, 3), (5, 4)), ((6, 5), 1)])
def test_adaptive_avg_pool2d_numerics(in_size, out_size):
    data = random((2, 3) + in_size)
    expected = torch_ref(lambda x: F.adaptive_avg_pool2d(x, out_size or in_size), data)
    call = relax.op.nn.adaptive_avg_pool2d(var("x", data.shape), out_size)
    assert shape_of(infer(call)) == list(expected.shape)
    np.testing.assert_allclose(run(call, data, expected=expected), expected, **ELEMENTWISE)


def test_adaptive_avg_pool2d_symbolic():
    h, w = tir.Var("h", "int64"), tir.Var("w", "int64")
    call = relax.op.nn.adaptive_avg_pool2d(var("x", [1, 2, h, w]), (2, 3))
    assert shape_of(infer(call)) == [1, 2, 2, 3]
    for size in [(2, 3), (7, 5), (10, 12)]:
        data = random((1, 2) + size)
        expected = torch_ref(lambda x: F.adaptive_avg_pool2d(x, (2, 3)), data)
        np.testing.assert_allclose(run(call, data, expected=expected), expected, **ELEMENTWISE)
    same = relax.op.nn.adaptive_avg_pool2d(var("x", [1, 2, h, w]))
    assert shape_of(infer(same)) == [1, 2, h, w]


def test_pool2d_errors():
    x = var("x", [1, 2, 4, 4])
    with fails(r"relax.nn.max_pool2d: the window width 5 \(dilation included\) exceeds the padded"
               r" input width 4"):
        infer(relax.op.nn.max_pool2d(x, (2, 5)))
    with fails(r"relax.nn.avg_pool2d: argument data has 3 dimensions, but 4"):
        infer(relax.op.nn.avg_pool2d(var("y", [2, 4, 4]), 2))
    with fails(r"relax.nn.avg_pool2d: argument data has dtype int32"):
        infer(relax.op.nn.avg_pool2d(var("i", [1, 2, 4, 4], "int32"), 2))
    with fails(r"relax.nn.max_pool2d: attribute layout is NHWC"):
        infer(relax.op.nn.max_pool2d(x, 2, layout="NHWC"))
    with fails(r"attribute pool_size\[0\] is 0, but it must be at least 1"):
        infer(relax.op.nn.max_pool2d(x, (0, 2)))
    with fails(r"relax.nn.adaptive_avg_pool2d: attribute output_size\[1\] is 0"):
        infer(relax.op.nn.adaptive_avg_pool2d(x, (2, 0)))


# --- padding -------------------------------------------------------------------------

@pytest.mark.parametrize("mode, np_mode", [("constant", "constant"), ("edge", "edge"),
                                           ("reflect", "reflect")])
def test_pad_numerics(mode, np_mode):
    data = random((3, 4, 5))
    width = ((0, 0), (1, 2), (3, 1))
    kwargs = {"constant_values": 1.5} if mode == "constant" else {}
    expected = np.pad(data, width, mode=np_mode, **kwargs)
    call = relax.op.nn.pad(var("x", data.shape), width, mode, 1.5)
    assert shape_of(infer(call)) == [3, 7, 9]
    np.testing.assert_array_equal(run(call, data, expected=expected), expected)


def test_pad_integers_and_symbolic():
    data = random((2, 3), "int32")
    expected = np.pad(data, ((1, 0), (2, 2)), constant_values=-4)
    call = relax.op.nn.pad(var("x", data.shape, "int32"), [1, 0, 2, 2], pad_value=-4)
    np.testing.assert_array_equal(run(call, data, expected=expected), expected)
    n = tir.Var("n", "int64")
    call = relax.op.nn.pad(var("x", [n, 3]), ((0, 0), (2, 1)), "reflect")
    assert shape_of(infer(call)) == [n, 6]
    for rows in (1, 4):
        data = random((rows, 3))
        expected = np.pad(data, ((0, 0), (2, 1)), mode="reflect")
        np.testing.assert_array_equal(run(call, data, expected=expected), expected)
    rows = shape_of(infer(relax.op.nn.pad(var("x", [n, 3]), ((2, 1), (0, 0)))))[0]
    assert evaluate(rows, {n: 5}) == 8


# Kernels whose output dimensions are expressions of the inputs' (h // 2 + 1, n + 3).
@pytest.mark.parametrize("case", ["conv2d", "avg_pool2d", "pad"])
def test_derived_symbolic_dims_numerics(case):
    n, h = tir.Var("n", "int64"), tir.Var("h", "int64")
    data = random((2, 3, 7, 6))
    if case == "conv2d":
        weight = random((4, 3, 3, 3))
        call = relax.op.nn.conv2d(var("x", [n, 3, h, 6]), var("k", weight.shape), strides=2)
        expected = torch_ref(lambda x, k: F.conv2d(x, k, stride=2), data, weight)
        np.testing.assert_allclose(run(call, data, weight, expected=expected), expected, **REDUCED)
    elif case == "avg_pool2d":
        call = relax.op.nn.avg_pool2d(var("x", [n, 3, h, 6]), 3, 2, 1, ceil_mode=True)
        expected = torch_ref(lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False),
                             data)
        np.testing.assert_allclose(run(call, data, expected=expected), expected, **ELEMENTWISE)
    else:
        call = relax.op.nn.pad(var("x", [n, 3, h, 6]), [1, 2, 0, 0, 0, 0, 1, 1], "edge")
        expected = np.pad(data, ((1, 2), (0, 0), (0, 0), (1, 1)), mode="edge")
        np.testing.assert_array_equal(run(call, data, expected=expected), expected)


def test_pad_errors():
    x = var("x", [2, 3])
    with fails(r"relax.nn.pad: attribute pad_width has 2 values, but argument data has 2"
               r" dimensions, so 4"):
        infer(relax.op.nn.pad(x, [1, 1]))
    with fails(r"relax.nn.pad: attribute pad_width\[1\] is -1"):
        infer(relax.op.nn.pad(x, [0, -1, 0, 0]))
    with fails(r"relax.nn.pad: attribute pad_mode is wrap"):
        infer(relax.op.nn.pad(x, [0, 0, 0, 0], "wrap"))
    with fails(r"reflect padding of 3 and 0 needs argument data dimension 1"):
        infer(relax.op.nn.pad(x, [0, 0, 3, 0], "reflect"))
    with fails(r"pad_value is 0.5, which argument data's dtype int32"):
        infer(relax.op.nn.pad(var("i", [2], "int32"), [1, 1], pad_value=0.5))


# --- fusion patterns -----------------------------------------------------------------

# 0 elementwise, 1 broadcast, 2 injective, 4 output-elementwise-fusable.
PATTERNS = {
    "relu": 0, "gelu": 0, "gelu_tanh": 0, "silu": 0, "leakyrelu": 0, "dropout": 0,
    "batch_norm": 1, "pad": 2, "softmax": 4, "log_softmax": 4, "layer_norm": 4, "rms_norm": 4,
    "conv2d": 4, "max_pool2d": 4, "avg_pool2d": 4, "adaptive_avg_pool2d": 4,
}


def test_every_nn_operator_is_registered_with_its_pattern():
    assert sorted(PATTERNS) == sorted(relax.op.nn.__all__)
    for name, pattern in PATTERNS.items():
        assert op_pattern(Op.get(f"relax.nn.{name}")) == pattern, name


def test_unknown_shapes_are_not_legalized():
    # LegalizeOps reports calls left as they are; a kernel needs known shapes.
    x = relax.Var("x", relax.TensorStructInfo(ndim=4, dtype="float32"))
    assert infer(relax.op.nn.max_pool2d(x, 2)).ndim == 4
    _, out = legalize(relax.op.nn.max_pool2d(x, 2))
    assert out.op.name == "relax.nn.max_pool2d"
    w = var("w", [2, 3, 3, 3])
    _, out = legalize(relax.op.nn.conv2d(x, w))
    assert out.op.name == "relax.nn.conv2d"


def test_unrelated_symbolic_dims_need_a_match_cast():
    # Inference accepts sizes that may agree at run time; a kernel reading both with one
    # loop needs them proven equal.
    c, m = tir.Var("c", "int64"), tir.Var("m", "int64")
    conv = relax.op.nn.conv2d(var("x", [1, c, 5, 5]), var("w", [2, 3, 3, 3]))
    assert shape_of(infer(conv)) == [1, 2, 3, 3]
    with fails(r"relax.nn.conv2d: cannot legalize: data dimension 1 \(c\) and weight dimension "
               r"1 \* groups=1 \(3\) are not known to be equal; match_cast"):
        legalize(conv)
    norm = relax.op.nn.layer_norm(var("x", [2, c]), var("g", [m]), var("b", [c]), axes=-1)
    with fails(r"relax.nn.layer_norm: cannot legalize: x dimension 1 \(c\) and gamma dimension 0 "
               r"\(m\)"):
        legalize(norm)


def test_calls_round_trip_through_the_script():
    # The printer writes the attributes as keywords of R.nn.<name>; the parser calls these
    # wrappers with them.
    n = tir.Var("n", "int64")
    x, w, g = var("x", [n, 3, 8, 8]), var("w", [4, 3, 3, 3]), var("g", [4])
    bb = relax.BlockBuilder()
    with bb.function("main", [x, w, g]):
        with bb.dataflow():
            y = bb.emit(relax.op.nn.conv2d(x, w, padding=1, out_dtype="float32"))
            y = bb.emit(relax.op.nn.batch_norm(y, g, g, g, g))
            y = bb.emit(relax.op.nn.layer_norm(y, g, g, axes=1))
            y = bb.emit(relax.op.nn.leakyrelu(relax.op.nn.gelu_tanh(y), 0.1))
            y = bb.emit(relax.op.nn.dropout(relax.op.nn.silu(y), 0.1))
            y = bb.emit(relax.op.nn.avg_pool2d(y, 2, 2, count_include_pad=True))
            y = bb.emit(relax.op.nn.max_pool2d(relax.op.nn.relu(y), 2, 2, ceil_mode=True))
            y = bb.emit(relax.op.nn.adaptive_avg_pool2d(relax.op.nn.gelu(y), 1))
            y = bb.emit(relax.op.nn.rms_norm(relax.op.mean(y, axis=[2, 3]), g))
            y = bb.emit(relax.op.nn.softmax(relax.op.nn.log_softmax(y)))
            out = bb.emit_output(relax.op.nn.pad(y, [[0, 0], [1, 1]], "reflect"))
        bb.emit_func_output(out)
    assert_roundtrip(bb.get())
