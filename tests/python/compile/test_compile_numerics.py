"""tessel.compile end to end: te and T-script programs, lowered, compiled with LLVM and run,
against numpy for many shapes and dtypes, symbolic sizes, casts, Select and every intrinsic."""

import numpy as np
import pytest

import tessel
from tessel import te, tir
from tessel.script import tir as T
from tessel.tir import Schedule

SHAPES = [(1,), (7,), (13, 33), (100,), (3, 1, 7)]
RNG = np.random.default_rng(0)


def random(shape, dtype):
    if dtype == "bool":
        return RNG.integers(0, 2, shape).astype("bool")
    if np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        return RNG.integers(max(info.min, -1000), min(info.max, 1000), shape).astype(dtype)
    return RNG.standard_normal(shape).astype(dtype)


def run(func, *arrays):
    tessel.compile(func)["main"](*arrays)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", ["int32", "int64", "float32", "float64", "uint8"])
def test_elementwise(shape, dtype):
    A = te.placeholder(shape, dtype, name="A")
    B = te.placeholder(shape, dtype, name="B")
    C = te.compute(shape, lambda *i: A[i] * B[i] + A[i], name="C")
    a, b = random(shape, dtype), random(shape, dtype)
    c = np.zeros(shape, dtype)
    run(te.create_prim_func([A, B, C]), a, b, c)
    # LLVM may contract a * b + a into one fma (rounded once).
    np.testing.assert_allclose(c, a * b + a, rtol=1e-5)


@pytest.mark.parametrize("shape", SHAPES)
def test_bool_logic(shape):
    A = te.placeholder(shape, "bool", name="A")
    B = te.placeholder(shape, "bool", name="B")
    C = te.compute(shape, lambda *i: tir.Select(A[i], B[i], tir.const(True, "bool")), name="C")
    a, b = random(shape, "bool"), random(shape, "bool")
    c = np.zeros(shape, "bool")
    run(te.create_prim_func([A, B, C]), a, b, c)
    np.testing.assert_array_equal(c, np.where(a, b, True))


@pytest.mark.parametrize("m, n", [(1, 1), (7, 13), (33, 100)])
def test_broadcast(m, n):
    A = te.placeholder((m, 1), "float32", name="A")
    B = te.placeholder((n,), "float32", name="B")
    C = te.compute((m, n), lambda i, j: A[i, 0] - B[j], name="C")
    a, b = random((m, 1), "float32"), random((n,), "float32")
    c = np.zeros((m, n), "float32")
    run(te.create_prim_func([A, B, C]), a, b, c)
    np.testing.assert_allclose(c, a - b, rtol=1e-6)


REDUCERS = {"sum": (te.sum, np.sum), "max": (te.max, np.max), "min": (te.min, np.min)}


@pytest.mark.parametrize("reducer", sorted(REDUCERS))
@pytest.mark.parametrize("shape, axis", [((1, 1), 0), ((7, 13), 0), ((7, 13), 1), ((33, 100), 1)])
@pytest.mark.parametrize("dtype", ["float32", "int32"])
def test_reduction_over_one_axis(reducer, shape, axis, dtype):
    te_reduce, np_reduce = REDUCERS[reducer]
    A = te.placeholder(shape, dtype, name="A")
    k = te.reduce_axis((0, shape[axis]), name="k")
    out_shape = (shape[1 - axis],)
    if axis == 0:
        B = te.compute(out_shape, lambda j: te_reduce(A[k, j], axis=k), name="B")
    else:
        B = te.compute(out_shape, lambda i: te_reduce(A[i, k], axis=k), name="B")
    a = random(shape, dtype)
    b = np.zeros(out_shape, dtype)
    run(te.create_prim_func([A, B]), a, b)
    np.testing.assert_allclose(b, np_reduce(a, axis=axis), rtol=1e-5)


@pytest.mark.parametrize("reducer", sorted(REDUCERS))
def test_reduction_over_all_axes(reducer):
    te_reduce, np_reduce = REDUCERS[reducer]
    A = te.placeholder((13, 7, 3), "float64", name="A")
    i, j, k = (te.reduce_axis((0, n), name=name) for n, name in zip((13, 7, 3), "ijk"))
    B = te.compute((1,), lambda z: te_reduce(A[i, j, k], axis=[i, j, k]), name="B")
    a = random((13, 7, 3), "float64")
    b = np.zeros(1, "float64")
    run(te.create_prim_func([A, B]), a, b)
    np.testing.assert_allclose(b[0], np_reduce(a), rtol=1e-12)


def te_matmul(m, n, k, dtype="float32"):
    A = te.placeholder((m, k), dtype, name="A")
    B = te.placeholder((k, n), dtype, name="B")
    r = te.reduce_axis((0, k), name="r")
    C = te.compute((m, n), lambda i, j: te.sum(A[i, r] * B[r, j], axis=r), name="C")
    return te.create_prim_func([A, B, C])


@pytest.mark.parametrize("m, n, k", [(1, 1, 1), (7, 13, 33), (100, 7, 13), (16, 32, 64)])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_matmul(m, n, k, dtype):
    a, b = random((m, k), dtype), random((k, n), dtype)
    c = np.zeros((m, n), dtype)
    run(te_matmul(m, n, k, dtype), a, b, c)
    np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-5)


def test_symbolic_matmul_with_te_vars():
    m, n = te.var("m"), te.var("n")
    A = te.placeholder((m, 8), "float32", name="A")
    B = te.placeholder((8, n), "float32", name="B")
    r = te.reduce_axis((0, 8), name="r")
    C = te.compute((m, n), lambda i, j: te.sum(A[i, r] * B[r, j], axis=r), name="C")
    mod = tessel.compile(te.create_prim_func([A, B, C]))
    for rows, cols in [(1, 1), (7, 13), (33, 2)]:
        a, b = random((rows, 8), "float32"), random((8, cols), "float32")
        c = np.zeros((rows, cols), "float32")
        mod["main"](a, b, c)
        np.testing.assert_allclose(c, a @ b, rtol=1e-5, atol=1e-6)


@T.prim_func
def symbolic_axpy(a: T.handle, b: T.handle, alpha: T.float32):
    n = T.int32()
    A = T.match_buffer(a, (n, 3), "float32")
    B = T.match_buffer(b, (n, 3), "float32")
    for i, j in T.grid(n, 3):
        with T.block("B"):
            vi, vj = T.axis.remap("SS", [i, j])
            T.reads(A[vi, vj], B[vi, vj])
            T.writes(B[vi, vj])
            B[vi, vj] = B[vi, vj] + alpha * A[vi, vj]


@pytest.mark.parametrize("n", [1, 7, 13, 100])
def test_symbolic_script_size(n):
    mod = tessel.compile(symbolic_axpy)
    a, b = random((n, 3), "float32"), random((n, 3), "float32")
    expected = b + np.float32(0.5) * a
    mod["main"](a, b, 0.5)
    np.testing.assert_allclose(b, expected, rtol=1e-6)


def test_symbolic_size_scheduled_with_a_non_divisible_split():
    sch = Schedule(symbolic_axpy)
    i, j = sch.get_loops(sch.get_block("B"))
    fused = sch.fuse(i, j)
    _, inner = sch.split(fused, [None, 8])
    sch.vectorize(inner)
    mod = tessel.compile(sch.mod)
    for n in (1, 2, 5, 33):
        a, b = random((n, 3), "float32"), random((n, 3), "float32")
        expected = b - np.float32(2) * a
        mod["main"](a, b, -2.0)
        np.testing.assert_allclose(b, expected, rtol=1e-6)


CASTS = [("float32", "int32"), ("float64", "float32"), ("int32", "float64"), ("int64", "int32"),
         ("int32", "uint8"), ("uint8", "int32"), ("bool", "int32"), ("float32", "bool"),
         ("int32", "int64")]


@pytest.mark.parametrize("src, dst", CASTS)
def test_cast(src, dst):
    A = te.placeholder((33,), src, name="A")
    B = te.compute((33,), lambda i: tir.cast(dst, A[i]), name="B")
    a = random((33,), src)
    if src.startswith("float"):
        a *= 3
    if dst == "uint8":
        a = np.abs(a) % 256  # C and numpy agree on in-range conversions only
    if src == "float32" and dst == "bool":
        a[::3] = 0
    b = np.zeros(33, dst)
    run(te.create_prim_func([A, B]), a, b)
    np.testing.assert_array_equal(b, a.astype(dst))


def test_select_and_min_max():
    A = te.placeholder((13, 7), "float32", name="A")
    B = te.placeholder((13, 7), "float32", name="B")
    C = te.compute((13, 7), lambda i, j: tir.Select(A[i, j] > B[i, j], tir.max(A[i, j], 0.5),
                                                     tir.min(B[i, j], -0.5)), name="C")
    a, b = random((13, 7), "float32"), random((13, 7), "float32")
    c = np.zeros((13, 7), "float32")
    run(te.create_prim_func([A, B, C]), a, b, c)
    np.testing.assert_array_equal(c, np.where(a > b, np.maximum(a, 0.5), np.minimum(b, -0.5)))


def test_integer_division_and_modulo_round_toward_negative_infinity():
    A = te.placeholder((100,), "int32", name="A")
    B = te.compute((100,), lambda i: tir.floordiv(A[i], 7) * 100 + tir.floormod(A[i], 7), name="B")
    a = np.arange(-50, 50, dtype="int32")
    b = np.zeros(100, "int32")
    run(te.create_prim_func([A, B]), a, b)
    np.testing.assert_array_equal(b, (a // 7) * 100 + a % 7)


def erf(x):
    from math import erf as scalar_erf
    return np.vectorize(scalar_erf)(x)


# name -> (tir function, numpy reference, input domain)
UNARY = {
    "exp": (tir.exp, np.exp, (-5, 5)),
    "log": (tir.log, np.log, (0.01, 10)),
    "sqrt": (tir.sqrt, np.sqrt, (0, 10)),
    "rsqrt": (tir.rsqrt, lambda x: 1 / np.sqrt(x), (0.01, 10)),
    "tanh": (tir.tanh, np.tanh, (-5, 5)),
    "erf": (tir.erf, erf, (-3, 3)),
    "sigmoid": (tir.sigmoid, lambda x: 1 / (1 + np.exp(-x)), (-10, 10)),
    "fabs": (tir.fabs, np.abs, (-5, 5)),
    "floor": (tir.floor, np.floor, (-5, 5)),
    "ceil": (tir.ceil, np.ceil, (-5, 5)),
    "round": (tir.round, np.round, (-5, 5)),  # halves to even
}
TOLERANCE = {"float32": 2e-6, "float64": 1e-13}


def intrinsic_func(make, vector_lanes):
    """The PrimFunc of the tensors ``make()`` returns, with the innermost loop of block ``B``
    split and vectorized when ``vector_lanes`` is set (a non-divisible tail is predicated)."""
    func = te.create_prim_func(make())
    if not vector_lanes:
        return func
    sch = Schedule(func)
    loops = sch.get_loops(sch.get_block("B"))
    _, inner = sch.split(loops[-1], [None, vector_lanes])
    sch.vectorize(inner)
    return sch.mod


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("lanes", [None, 8])
def test_unary_intrinsic(name, dtype, lanes):
    op, reference, (low, high) = UNARY[name]
    shape = (3, 37)

    def make():
        A = te.placeholder(shape, dtype, name="A")
        return [A, te.compute(shape, lambda i, j: op(A[i, j]), name="B")]

    a = RNG.uniform(low, high, shape).astype(dtype)
    a[0, :4] = [low, high, (low + high) / 2, 0.5 if low < 0.5 < high else low]
    b = np.zeros(shape, dtype)
    tessel.compile(intrinsic_func(make, lanes))["main"](a, b)
    np.testing.assert_allclose(b, reference(a.astype("float64")).astype(dtype),
                               rtol=TOLERANCE[dtype], atol=TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("lanes", [None, 4])
def test_pow_and_fma(dtype, lanes):
    shape = (2, 13)

    def make():
        A = te.placeholder(shape, dtype, name="A")
        C = te.placeholder(shape, dtype, name="C")
        return [A, C, te.compute(shape, lambda i, j: tir.fma(tir.pow(A[i, j], C[i, j]), A[i, j],
                                                             C[i, j]), name="B")]

    a = RNG.uniform(0.1, 3, shape).astype(dtype)
    c = RNG.uniform(-2, 2, shape).astype(dtype)
    b = np.zeros(shape, dtype)
    tessel.compile(intrinsic_func(make, lanes))["main"](a, c, b)
    np.testing.assert_allclose(b, np.power(a, c) * a + c, rtol=10 * TOLERANCE[dtype])


def test_symbolic_reduction_extent():
    n = te.var("n")
    A = te.placeholder((n, 5), "float32", name="A")
    k = te.reduce_axis((0, n), name="k")
    B = te.compute((5,), lambda j: te.sum(A[k, j], axis=k), name="B")
    mod = tessel.compile(te.create_prim_func([A, B]))
    for rows in (1, 2, 13):
        a = random((rows, 5), "float32")
        b = np.full(5, np.nan, "float32")
        mod["main"](a, b)
        np.testing.assert_allclose(b, a.sum(axis=0), rtol=1e-5, atol=1e-6)


def test_symbolic_intermediate_buffer():
    n = te.var("n")
    A = te.placeholder((n,), "float64", name="A")
    B = te.compute((n,), lambda i: A[i] * 3.0, name="B")
    C = te.compute((n,), lambda i: B[i] + B[n - 1 - i], name="C")
    mod = tessel.compile(te.create_prim_func([A, C]))
    for size in (1, 2, 7, 100, 20000):
        a = random((size,), "float64")
        c = np.zeros(size, "float64")
        mod["main"](a, c)
        np.testing.assert_allclose(c, 3 * a + 3 * a[::-1], rtol=1e-12)


@pytest.mark.parametrize("dtype", ["int64", "float64", "uint8"])
@pytest.mark.parametrize("reducer", sorted(REDUCERS))
def test_reductions_of_other_dtypes(dtype, reducer):
    te_reduce, np_reduce = REDUCERS[reducer]
    A = te.placeholder((7, 33), dtype, name="A")
    k = te.reduce_axis((0, 33), name="k")
    B = te.compute((7,), lambda i: te_reduce(A[i, k], axis=k), name="B")
    a = random((7, 33), dtype)
    b = np.zeros(7, dtype)
    run(te.create_prim_func([A, B]), a, b)
    np.testing.assert_allclose(b, np_reduce(a, axis=1).astype(dtype), rtol=1e-12)


@pytest.mark.parametrize("src, dst", CASTS)
def test_vectorized_cast_and_select(src, dst):
    def make():
        A = te.placeholder((3, 37), src, name="A")
        return [A, te.compute((3, 37), lambda i, j: tir.Select(
            (j % 3).equal(0), tir.cast(dst, A[i, j]), tir.cast(dst, A[i, 36 - j])), name="B")]

    a = random((3, 37), src)
    if src.startswith("float"):
        a *= 3
    if dst == "uint8":
        a = np.abs(a) % 256
    if src == "float32" and dst == "bool":
        a[:, ::4] = 0
    b = np.zeros((3, 37), dst)
    tessel.compile(intrinsic_func(make, 16))["main"](a, b)
    j = np.arange(37)
    np.testing.assert_array_equal(b, np.where(j % 3 == 0, a, a[:, ::-1]).astype(dst))


def test_scalar_parameters_of_every_kind():
    @T.prim_func
    def affine(a: T.handle, b: T.handle, scale: T.float64, shift: T.int64, count: T.int32):
        A = T.match_buffer(a, (count,), "float64")
        B = T.match_buffer(b, (count,), "float64")
        for i in range(count):
            with T.block("B"):
                vi = T.axis.spatial(count, i)
                T.reads(A[vi])
                T.writes(B[vi])
                B[vi] = A[vi] * scale + T.Cast("float64", shift)

    mod = tessel.compile(affine)
    a = random((9,), "float64")
    b = np.zeros(9)
    mod["main"](a, b, 0.25, 2**40, 9)
    np.testing.assert_array_equal(b, a * 0.25 + 2.0**40)


@pytest.mark.parametrize("n", [7, 5000])  # intermediates on the stack, then in the workspace
@pytest.mark.parametrize("scheduled", [False, True])
def test_intermediates_of_mixed_dtypes(n, scheduled):
    A = te.placeholder((n,), "float32", name="A")
    B = te.compute((n,), lambda i: tir.cast("float64", A[i]) * 2.0, name="B")
    C = te.compute((n,), lambda i: tir.cast("int32", B[i] * 10.0), name="C")
    D = te.compute((n,), lambda i: tir.cast("int8", C[i] % 100), name="D")
    E = te.compute((n,), lambda i: tir.cast("float32", D[(i * 7) % n])
                   + tir.cast("float32", C[n - 1 - i]) + tir.cast("float32", B[i]), name="E")
    F = te.compute((n,), lambda i: E[i] * 2.0 + tir.cast("float32", D[i]), name="F")
    func = te.create_prim_func([A, F])
    if scheduled:
        sch = Schedule(func)
        for name in "BCDEF":
            (loop,) = sch.get_loops(sch.get_block(name))
            outer, inner = sch.split(loop, [None, 8])
            sch.vectorize(inner)
            sch.parallel(outer)
        func = sch.mod
    a = RNG.uniform(-50, 50, n).astype("float32")
    b = a.astype("float64") * 2
    c = (b * 10).astype("int32")
    d = (c % 100).astype("int8")
    e = (d[(np.arange(n) * 7) % n].astype("float32") + c[::-1].astype("float32")
         + b.astype("float32"))
    out = np.zeros(n, "float32")
    run(func, a, out)
    np.testing.assert_allclose(out, e * 2 + d.astype("float32"), rtol=1e-5)


def test_conditional_product_and_tuple_reductions():
    A = te.placeholder((5, 9), "float32", name="A")
    I = te.placeholder((5, 9), "int32", name="I")
    k0, k1, k2 = (te.reduce_axis((0, 9), name=f"k{n}") for n in range(3))
    S = te.compute((5,), lambda i: te.sum(A[i, k0], axis=k0, where=k0 > 2), name="S")
    P = te.compute((5,), lambda i: te.prod(A[i, k1], axis=k1), name="P")
    argmax = te.comm_reducer(
        lambda x, y: (tir.Select(x[1] >= y[1], x[0], y[0]), tir.Select(x[1] >= y[1], x[1], y[1])),
        lambda t0, t1: (tir.const(-1, t0), te.min_value(t1)), name="argmax")
    R = te.compute((5,), lambda i: argmax((I[i, k2], A[i, k2]), axis=k2), name="R")
    a = RNG.uniform(0.5, 1.5, (5, 9)).astype("float32")
    s, p, value = (np.zeros(5, "float32") for _ in range(3))
    index = np.zeros(5, "int32")
    run(te.create_prim_func([I, A, S, P, R[0], R[1]]),
        np.tile(np.arange(9, dtype="int32"), (5, 1)), a, s, p, index, value)
    np.testing.assert_allclose(s, a[:, 3:].sum(axis=1), rtol=1e-6)
    np.testing.assert_allclose(p, a.prod(axis=1), rtol=1e-5)
    np.testing.assert_array_equal(index, a.argmax(axis=1))
    np.testing.assert_array_equal(value, a.max(axis=1))
