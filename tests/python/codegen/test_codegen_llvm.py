"""tessel.codegen.build: lowered PrimFuncs compiled with LLVM and checked against numpy."""

import os

import numpy as np
import pytest

import tessel
from tessel import codegen, runtime, tir
from tessel.error import InvalidArgumentError
from tessel.ir import IRModule
from tessel.script import tir as T


def build(func, target="llvm", name="main"):
    return codegen.build(IRModule({name: func}), target)


def test_scalar_add():
    @T.prim_func
    def add(A: T.Buffer((37,), "float32"), B: T.Buffer((37,), "float32"),
            C: T.Buffer((37,), "float32")):
        for i in range(37):
            C[i] = A[i] + B[i]

    mod = build(add, name="add")
    assert mod.type_key == "llvm"
    assert list(mod.function_names()) == ["add"]
    a, b = np.random.rand(37).astype("float32"), np.random.rand(37).astype("float32")
    c = np.zeros(37, "float32")
    mod["add"](a, b, c)
    np.testing.assert_array_equal(c, a + b)


@T.prim_func
def vector_add(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32"),
               C: T.Buffer((64,), "float32")):
    for i in range(4):
        C[T.Ramp(i * 16, 1, 16)] = A[T.Ramp(i * 16, 1, 16)] + B[T.Ramp(i * 16, 1, 16)]


def test_vector_add_with_ramp():
    mod = build(vector_add)
    a, b = np.random.rand(64).astype("float32"), np.random.rand(64).astype("float32")
    c = np.zeros(64, "float32")
    mod["main"](a, b, c)
    np.testing.assert_array_equal(c, a + b)
    assert "<16 x float>" in mod.get_source("ll")


def test_sixteen_lane_add_uses_avx512_zmm_registers():
    mod = build(vector_add, "llvm -mcpu=skylake-avx512")
    asm = mod.get_source("asm")
    assert "zmm" in asm and "vaddps" in asm


def test_gather_and_scatter_with_strided_ramp():
    @T.prim_func
    def transpose_lanes(A: T.Buffer((32,), "float32"), B: T.Buffer((32,), "float32")):
        for i in range(4):
            B[T.Ramp(i, 4, 8)] = A[T.Ramp(i * 8, 1, 8)]

    a = np.arange(32, dtype="float32")
    b = np.zeros(32, "float32")
    build(transpose_lanes)["main"](a, b)
    np.testing.assert_array_equal(b, a.reshape(4, 8).T.reshape(-1))


M, N, K = 37, 19, 23  # written out in the script below, which sees no Python globals


def parallel_matmul(requested=0):
    """C = A @ B flattened (M x K times K x N), rows split over the tasks of a
    parallel_launch region, as LowerParallelLoops writes it."""

    @T.prim_func
    def chunk(A: T.Buffer((851,), "float32"), B: T.Buffer((437,), "float32"),
              C: T.Buffer((703,), "float32"), task_id: T.int32, num_tasks: T.int32):
        for r in range((37 - task_id + num_tasks - 1) // num_tasks):
            for j in range(19):
                C[(task_id + r * num_tasks) * 19 + j] = T.float32(0)
                for k in range(23):
                    C[(task_id + r * num_tasks) * 19 + j] = (
                        C[(task_id + r * num_tasks) * 19 + j]
                        + A[(task_id + r * num_tasks) * 23 + k] * B[k * 19 + j])

    params = list(chunk.params)
    body = tir.AttrStmt(params[3:], "parallel_launch", tir.const(requested, "int32"), chunk.body)
    buffer_map = {p: chunk.buffer_map[p] for p in params[:3]}
    return tir.PrimFunc(params[:3], body, buffer_map=buffer_map)


@pytest.mark.parametrize("target, requested", [("llvm", 0), ("llvm", 3), ("llvm -num-threads=2", 0)])
def test_parallel_matmul(target, requested):
    mod = build(parallel_matmul(requested), target)
    a, b = np.random.rand(M * K).astype("float32"), np.random.rand(K * N).astype("float32")
    c = np.full(M * N, -1, "float32")
    mod["main"](a, b, c)
    np.testing.assert_allclose(c.reshape(M, N), a.reshape(M, K) @ b.reshape(K, N), rtol=1e-5)
    assert "__tessel_backend_parallel_launch" in mod.get_source("ll")


def test_symbolic_size():
    @T.prim_func
    def scale(a: T.handle, alpha: T.float32):
        n = T.int32()
        A = T.match_buffer(a, (n,), "float32")
        for i in range(n):
            A[i] = A[i] * alpha

    mod = build(scale)
    for n in (1, 7, 100):
        x = np.arange(n, dtype="float32")
        mod["main"](x, 0.5)
        np.testing.assert_array_equal(x, np.arange(n, dtype="float32") * 0.5)


def test_param_buffers_describe_the_original_shape():
    n = tir.Var("n", "int32")
    flat = tir.decl_buffer((n * 4,), "float32", "A")
    original = tir.decl_buffer((n, 4), "float32", "A")
    data = tir.Var("A", "handle")
    i = tir.Var("i", "int32")
    body = tir.For(i, 0, n * 4, tir.ForKind.SERIAL,
                   tir.BufferStore(flat, tir.Cast("float32", i), [i]))
    func = tir.PrimFunc([data], body, buffer_map={data: flat}).with_attr(
        "tir.param_buffers", {"A": original})
    mod = build(func)
    x = np.zeros((3, 4), "float32")
    mod["main"](x)
    np.testing.assert_array_equal(x.reshape(-1), np.arange(12, dtype="float32"))
    with pytest.raises(tessel.TesselError):
        mod["main"](np.zeros(12, "float32"))  # rank 1, the function wants rank 2


@pytest.mark.parametrize("size", [16, 40000])  # on the stack, then from the workspace
def test_allocations(size):
    out = tir.decl_buffer((size,), "float32", "Out")
    data = tir.Var("Out", "handle")
    tmp = tir.decl_buffer((size,), "float32", "tmp")
    i, j = tir.Var("i", "int32"), tir.Var("j", "int32")
    fill = tir.For(i, 0, size, tir.ForKind.SERIAL,
                   tir.BufferStore(tmp, tir.Cast("float32", i) * 2.0, [i]))
    copy = tir.For(j, 0, size, tir.ForKind.SERIAL,
                   tir.BufferStore(out, tir.BufferLoad(tmp, [size - 1 - j]), [j]))
    func = tir.PrimFunc([data], tir.Allocate(tmp, tir.SeqStmt([fill, copy])),
                        buffer_map={data: out})
    mod = build(func)
    x = np.zeros(size, "float32")
    mod["main"](x)
    np.testing.assert_array_equal(x, (np.arange(size, dtype="float32") * 2)[::-1])
    uses_workspace = "load ptr, ptr @__tessel_backend_alloc_workspace" in mod.get_source("ll")
    assert uses_workspace == (size * 4 > 65536)


def test_casts():
    @T.prim_func
    def casts(A: T.Buffer((6,), "float32"), I: T.Buffer((6,), "int32"),
              F: T.Buffer((6,), "float64"), B: T.Buffer((6,), "bool"), U: T.Buffer((6,), "uint8")):
        for i in range(6):
            I[i] = T.Cast("int32", A[i])
            F[i] = T.Cast("float64", T.Cast("int32", A[i]) * 3)
            B[i] = T.Cast("bool", A[i])
            U[i] = T.Cast("uint8", T.Cast("bool", A[i]))

    a = np.array([-2.7, -0.5, 0.0, 0.5, 2.7, 100.9], "float32")
    i, f = np.zeros(6, "int32"), np.zeros(6, "float64")
    b, u = np.zeros(6, "bool"), np.zeros(6, "uint8")
    build(casts)["main"](a, i, f, b, u)
    np.testing.assert_array_equal(i, np.trunc(a).astype("int32"))
    np.testing.assert_array_equal(f, np.trunc(a).astype("int32") * 3.0)
    np.testing.assert_array_equal(b, a != 0)
    np.testing.assert_array_equal(u, (a != 0).astype("uint8"))


def elementwise(dtypes, compute, n):
    """A PrimFunc over 1-D buffers of n elements: out[i] = compute(*inputs[i]) per output."""
    datas = [tir.Var(f"X{k}", "handle") for k in range(len(dtypes))]
    bufs = [tir.decl_buffer((n,), dt, f"X{k}") for k, dt in enumerate(dtypes)]
    i = tir.Var("i", "int32")
    stores = compute(bufs, i)
    return tir.PrimFunc(datas, tir.For(i, 0, n, tir.ForKind.SERIAL, tir.SeqStmt(stores)),
                        buffer_map=dict(zip(datas, bufs)))


@pytest.mark.parametrize("dtype", ["int32", "int64"])
def test_integer_division_on_negatives(dtype):
    def compute(bufs, i):
        a, b = tir.BufferLoad(bufs[0], [i]), tir.BufferLoad(bufs[1], [i])
        ops = [tir.floordiv, tir.floormod, tir.truncdiv, tir.truncmod]
        return [tir.BufferStore(bufs[2 + k], op(a, b), [i]) for k, op in enumerate(ops)]

    a = np.array([7, -7, 7, -7, 6, -6, 0, -1], dtype)
    b = np.array([3, 3, -3, -3, 3, -3, -5, 4], dtype)
    q, r, tq, tr = (np.zeros(8, dtype) for _ in range(4))
    build(elementwise([dtype] * 6, compute, 8))["main"](a, b, q, r, tq, tr)
    np.testing.assert_array_equal(q, np.floor_divide(a, b))
    np.testing.assert_array_equal(r, np.mod(a, b))
    np.testing.assert_array_equal(tq, np.trunc(a / b).astype(dtype))
    np.testing.assert_array_equal(tr, np.fmod(a, b))


def test_select_min_max_and_control_flow():
    @T.prim_func
    def relu_clip(A: T.Buffer((16,), "float32"), B: T.Buffer((16,), "float32"),
                  C: T.Buffer((16,), "int32")):
        for i in range(16):
            B[i] = T.Select(A[i] > T.float32(0), T.min(A[i], T.float32(1.5)), T.float32(0))
            if i % 2 == 0 and A[i] > T.float32(0):
                C[i] = T.max(i, 3)
            else:
                C[i] = -1

    a = np.linspace(-2, 2, 16).astype("float32")
    b, c = np.zeros(16, "float32"), np.zeros(16, "int32")
    build(relu_clip)["main"](a, b, c)
    np.testing.assert_array_equal(b, np.where(a > 0, np.minimum(a, 1.5), 0))
    idx = np.arange(16)
    np.testing.assert_array_equal(c, np.where((idx % 2 == 0) & (a > 0), np.maximum(idx, 3), -1))


def test_while_let_stmt_and_let():
    out = tir.decl_buffer((3,), "int32", "Out")
    data = tir.Var("Out", "handle")
    n, x, y = tir.Var("n", "int32"), tir.Var("x", "int32"), tir.Var("y", "int32")

    def load(k):
        return tir.BufferLoad(out, [k])

    def store(k, value):
        return tir.BufferStore(out, value, [k])

    # Out[0] halves n until it reaches 1, Out[1] counts the halvings, Out[2] = 2 * n.
    body = tir.SeqStmt([
        store(0, n),
        store(1, tir.const(0, "int32")),
        tir.While(load(0) > 1, tir.SeqStmt([
            store(0, tir.Let(y, load(0), tir.floordiv(y, 2))),
            store(1, load(1) + 1),
        ])),
        tir.LetStmt(x, n * 2, store(2, x)),
    ])
    mod = build(tir.PrimFunc([data, n], body, buffer_map={data: out}))
    for value in (1, 2, 100, 1 << 20):
        r = np.zeros(3, "int32")
        mod["main"](r, value)
        assert list(r) == [1, int(np.floor(np.log2(value))), 2 * value]


INTRINSICS = [
    # name, numpy reference, input range, tolerance (rtol, atol)
    ("exp", np.exp, (-10, 10), (2e-6, 0)),
    ("log", np.log, (0.01, 100), (2e-6, 1e-7)),
    ("sqrt", np.sqrt, (0, 100), (1e-7, 0)),
    ("rsqrt", lambda x: 1 / np.sqrt(x), (0.01, 100), (2e-6, 0)),
    ("tanh", np.tanh, (-6, 6), (2e-6, 1e-7)),
    ("erf", None, (-4, 4), (0, 1e-6)),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x)), (-20, 20), (2e-6, 1e-7)),
    ("fabs", np.abs, (-5, 5), (0, 0)),
    ("floor", np.floor, (-5, 5), (0, 0)),
    ("ceil", np.ceil, (-5, 5), (0, 0)),
    ("round", np.round, (-5, 5), (0, 0)),
    ("sin", np.sin, (-10, 10), (2e-6, 1e-7)),
    ("cos", np.cos, (-10, 10), (2e-6, 1e-7)),
]


@pytest.mark.parametrize("name, ref, bounds, tol", INTRINSICS, ids=[i[0] for i in INTRINSICS])
@pytest.mark.parametrize("vector", [False, True], ids=["scalar", "vector"])
def test_unary_intrinsics(name, ref, bounds, tol, vector):
    if ref is None:
        import math
        ref = np.vectorize(math.erf)
    op = getattr(tir, name)

    def compute(bufs, i):
        index = tir.Ramp(i * 16, 1, 16) if vector else i
        return [tir.BufferStore(bufs[1], op(tir.BufferLoad(bufs[0], [index])), [index])]

    kernel = elementwise(["float32", "float32"], compute, 256)
    if vector:  # 16 iterations of 16 lanes
        kernel = kernel.with_body(tir.For(kernel.body.loop_var, 0, 16, tir.ForKind.SERIAL,
                                          kernel.body.body))
    a = np.linspace(*bounds, 256).astype("float32")
    if name == "round":
        a[:4] = [0.5, 1.5, 2.5, -0.5]  # halves go to even, like numpy
    b = np.zeros(256, "float32")
    build(kernel)["main"](a, b)
    expected = ref(a.astype("float64"))
    np.testing.assert_allclose(b, expected, rtol=tol[0], atol=tol[1])


def test_pow_and_fma():
    @T.prim_func
    def kernel(A: T.Buffer((64,), "float64"), B: T.Buffer((64,), "float64"),
               P: T.Buffer((64,), "float64"), F: T.Buffer((64,), "float64")):
        for i in range(64):
            P[i] = T.pow(A[i], B[i])
            F[i] = T.fma(A[i], B[i], A[i])

    a = np.linspace(0.1, 4, 64)
    b = np.linspace(-2, 3, 64)
    p, f = np.zeros(64), np.zeros(64)
    build(kernel)["main"](a, b, p, f)
    np.testing.assert_allclose(p, a ** b, rtol=1e-14)
    # One rounding: the exact product-sum (long double) rounded once.
    exact = (a.astype(np.longdouble) * b + a).astype("float64")
    np.testing.assert_allclose(f, exact, rtol=2.3e-16)


def test_export_library_round_trip(tmp_path):
    mod = build(parallel_matmul())
    path = os.fspath(tmp_path / "matmul.so")
    mod.export_library(path)
    loaded = runtime.load_module(path)
    assert list(loaded.function_names()) == ["main"]
    a, b = np.random.rand(M * K).astype("float32"), np.random.rand(K * N).astype("float32")
    c = np.zeros(M * N, "float32")
    loaded["main"](a, b, c)
    np.testing.assert_allclose(c.reshape(M, N), a.reshape(M, K) @ b.reshape(K, N), rtol=1e-5)


def test_global_symbol_names_the_kernel():
    mod = codegen.build(IRModule({"f": vector_add.with_attr("global_symbol", "vadd")}))
    assert list(mod.function_names()) == ["vadd"]


def test_unlowered_block_is_rejected():
    @T.prim_func
    def with_block(A: T.Buffer((8,), "float32")):
        for i in range(8):
            with T.block("B"):
                vi = T.axis.spatial(8, i)
                A[vi] = T.float32(1)

    with pytest.raises(InvalidArgumentError, match="with_block|main") as info:
        build(with_block)
    assert "block" in str(info.value)


def test_parallel_loop_and_multi_dim_access_are_rejected():
    @T.prim_func
    def par(A: T.Buffer((8,), "float32")):
        for i in T.parallel(8):
            A[i] = T.float32(1)

    with pytest.raises(InvalidArgumentError, match="main.*parallel loop"):
        build(par)

    @T.prim_func
    def two_d(A: T.Buffer((8, 8), "float32")):
        for i, j in T.grid(8, 8):
            A[i, j] = T.float32(1)

    with pytest.raises(InvalidArgumentError, match="main.*2-D access to buffer A"):
        build(two_d)


def test_bad_target_string():
    with pytest.raises(InvalidArgumentError, match="-nope"):
        build(vector_add, "llvm -nope")


def test_failed_workspace_allocation_raises_with_the_kernel_message():
    out = tir.decl_buffer((1,), "float32", "Out")
    data = tir.Var("Out", "handle")
    n = tir.Var("n", "int64")
    tmp = tir.decl_buffer((n,), "float32", "tmp")
    zero = tir.const(0, "int64")
    body = tir.Allocate(tmp, tir.SeqStmt([
        tir.BufferStore(tmp, tir.const(1.0, "float32"), [zero]),
        tir.BufferStore(out, tir.BufferLoad(tmp, [zero]), [zero]),
    ]))
    mod = build(tir.PrimFunc([data, n], body, buffer_map={data: out}))
    x = np.zeros(1, "float32")
    mod["main"](x, 1000)
    assert x[0] == 1.0
    with pytest.raises(tessel.TesselError, match="workspace of buffer tmp"):
        mod["main"](x, 1 << 60)


def test_export_library_reports_the_linker_error(tmp_path):
    path = os.fspath(tmp_path / "no" / "such" / "dir" / "x.so")
    with pytest.raises(InvalidArgumentError, match="-shared.*failed"):
        build(vector_add).export_library(path)


def test_contraction_always_fast_math_only_when_asked():
    @T.prim_func
    def axpy(A: T.Buffer((64,), "float32"), B: T.Buffer((64,), "float32")):
        for i in range(64):
            B[i] = A[i] * T.float32(3) + B[i]

    plain = build(axpy).get_source("ll")
    assert "contract" in plain and "fadd fast" not in plain
    fast = build(axpy, "llvm -fast-math")
    assert "fast" in fast.get_source("ll")
    a, b = np.random.rand(64).astype("float32"), np.random.rand(64).astype("float32")
    expected = a * 3 + b
    fast["main"](a, b)
    np.testing.assert_allclose(b, expected, rtol=1e-6)
