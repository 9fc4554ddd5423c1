"""DefaultTIRSchedule: which rule each kind of kernel gets, and that results stay exact.

Kernels are written with int64 shapes, as legalization makes them from Relax shapes.
"""

import numpy as np
import pytest

import tessel
from tessel import ir, relax, te, tir
from tessel.relax.default_schedule import schedule_block
from tessel.tir import Schedule

RNG = np.random.default_rng(0)


def i64(*values):
    return [tir.const(v, "int64") if isinstance(v, int) else v for v in values]


def scheduled(func):
    mod = relax.transform.DefaultTIRSchedule()(ir.IRModule({"main": func}))
    assert mod["main"].attrs["tir.is_scheduled"]
    return mod


def run(mod, *arrays, extra=()):
    lib = tessel.compile(mod)
    lib["main"](*arrays, *extra)


def matmul_func(m, n, k, batch=None):
    lead = i64(batch) if batch is not None else []
    a = te.placeholder(lead + i64(m, k), "float32", name="A")
    b = te.placeholder(lead + i64(k, n), "float32", name="B")
    r = te.reduce_axis(i64(0, k), name="k")
    if batch is None:
        c = te.compute(i64(m, n), lambda i, j: te.sum(a[i, r] * b[r, j], axis=r), name="C")
    else:
        c = te.compute(lead + i64(m, n), lambda q, i, j: te.sum(a[q, i, r] * b[q, r, j], axis=r), name="C")
    args = [a, b, c] + ([m] if isinstance(m, tir.Var) else [])
    return te.create_prim_func(args)


def test_matmul_gets_the_tiled_parallel_micro_kernel():
    mod = scheduled(matmul_func(64, 128, 96))
    text = mod.script()
    assert "T.parallel" in text and "T.vectorized" in text and 'scope="local"' in text
    a = RNG.standard_normal((64, 96), dtype=np.float32)
    b = RNG.standard_normal((96, 128), dtype=np.float32)
    c = np.zeros((64, 128), np.float32)
    run(mod, a, b, c)
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("rows", [1, 5, 13])
def test_matmul_with_symbolic_rows(rows):
    n = tir.Var("n", "int64")
    mod = scheduled(matmul_func(n, 64, 32))
    assert "T.vectorized" in mod.script()
    a = RNG.standard_normal((rows, 32), dtype=np.float32)
    b = RNG.standard_normal((32, 64), dtype=np.float32)
    c = np.zeros((rows, 64), np.float32)
    run(mod, a, b, c, extra=(rows,))
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)


def test_batch_matmul_and_small_rows():
    mod = scheduled(matmul_func(3, 32, 16, batch=2))
    sch = Schedule(matmul_func(3, 32, 16, batch=2))
    assert schedule_block(sch, "C")[1] == "matmul"
    a = RNG.standard_normal((2, 3, 16), dtype=np.float32)
    b = RNG.standard_normal((2, 16, 32), dtype=np.float32)
    c = np.zeros((2, 3, 32), np.float32)
    run(mod, a, b, c)
    np.testing.assert_allclose(c, a @ b, rtol=1e-4, atol=1e-4)


def test_dense_with_transposed_weight_runs_rows_in_parallel():
    x = te.placeholder(i64(128, 64), "float32", name="X")
    w = te.placeholder(i64(96, 64), "float32", name="W")
    r = te.reduce_axis(i64(0, 64), name="k")
    y = te.compute(i64(128, 96), lambda i, j: te.sum(x[i, r] * w[j, r], axis=r), name="Y")
    func = te.create_prim_func([x, w, y])
    assert schedule_block(Schedule(func), "Y")[1] == "reduction"
    mod = scheduled(func)
    assert "T.parallel" in mod.script()
    xs = RNG.standard_normal((128, 64), dtype=np.float32)
    ws = RNG.standard_normal((96, 64), dtype=np.float32)
    ys = np.zeros((128, 96), np.float32)
    run(mod, xs, ws, ys)
    np.testing.assert_allclose(ys, xs @ ws.T, rtol=1e-4, atol=1e-4)


def test_broadcast_add_is_vectorized_and_parallel():
    a = te.placeholder(i64(64, 32, 48), "float32", name="A")
    b = te.placeholder(i64(48), "float32", name="B")
    c = te.compute(a.shape, lambda i, j, k: a[i, j, k] + b[k], name="C")
    mod = scheduled(te.create_prim_func([a, b, c]))
    text = mod.script()
    assert "T.parallel" in text and "T.vectorized" in text
    av = RNG.standard_normal((64, 32, 48), dtype=np.float32)
    bv = RNG.standard_normal((48,), dtype=np.float32)
    cv = np.zeros_like(av)
    run(mod, av, bv, cv)
    np.testing.assert_array_equal(cv, av + bv)


def test_transpose_is_tiled():
    # out[b, i, j] = x[b, j, i]: 16 x 16 tiles keep reads and writes in the cache.
    a = te.placeholder(i64(3, 64, 48), "float32", name="A")
    c = te.compute(i64(3, 48, 64), lambda b, i, j: a[b, j, i], name="C")
    mod = scheduled(te.create_prim_func([a, c]))
    text = mod.script()
    assert "i_0" in text and "i_1" in text and "j_0" in text and "T.vectorized" in text
    av = RNG.standard_normal((3, 64, 48), dtype=np.float32)
    cv = np.zeros((3, 48, 64), np.float32)
    run(mod, av, cv)
    np.testing.assert_array_equal(cv, av.transpose(0, 2, 1))


def test_small_kernels_stay_on_one_thread():
    a = te.placeholder(i64(4, 64), "float32", name="A")
    c = te.compute(a.shape, lambda i, j: a[i, j] * 2.0, name="C")
    text = scheduled(te.create_prim_func([a, c])).script()
    assert "T.vectorized" in text and "T.parallel" not in text


def test_softmax_rows_run_in_parallel():
    n = tir.Var("n", "int64")
    x = te.placeholder([n] + i64(100), "float32", name="X")
    r1 = te.reduce_axis(i64(0, 100), name="k1")
    r2 = te.reduce_axis(i64(0, 100), name="k2")
    mx = te.compute([n], lambda i: te.max(x[i, r1], axis=r1), name="mx")
    ex = te.compute(x.shape, lambda i, j: tir.exp(x[i, j] - mx[i]), name="ex")
    sm = te.compute([n], lambda i: te.sum(ex[i, r2], axis=r2), name="sm")
    out = te.compute(x.shape, lambda i, j: ex[i, j] / sm[i], name="out")
    func = te.create_prim_func([x, out, n])
    rules = {}
    sch = Schedule(func)
    for block in ("mx", "ex", "sm", "out"):
        sch, rules[block] = schedule_block(sch, block)
    assert rules == {"mx": "reduction", "ex": "elementwise", "sm": "reduction", "out": "elementwise"}
    mod = scheduled(func)
    assert mod.script().count("T.parallel") == 4
    xs = RNG.standard_normal((7, 100), dtype=np.float32)
    ys = np.zeros_like(xs)
    run(mod, xs, ys, extra=(7,))
    e = np.exp(xs - xs.max(axis=1, keepdims=True))
    np.testing.assert_allclose(ys, e / e.sum(axis=1, keepdims=True), rtol=1e-5, atol=1e-6)


def test_scheduled_functions_and_relax_functions_are_left_alone():
    a = te.placeholder(i64(1024), "float32", name="A")
    c = te.compute(a.shape, lambda i: a[i] + 1.0, name="C")
    done = te.create_prim_func([a, c]).with_attr("tir.is_scheduled", True)
    x = relax.Var("x", relax.TensorStructInfo([4], "float32"))
    bb = relax.BlockBuilder(ir.IRModule({"done": done}))
    with bb.function("main", [x]):
        bb.emit_func_output(x)
    mod = bb.get()
    out = relax.transform.DefaultTIRSchedule()(mod)
    assert out["done"].same_as(mod["done"]) and out["main"].same_as(mod["main"])


def test_registered_by_name():
    assert tessel.transform.get_pass("relax.DefaultTIRSchedule").info.name == "relax.DefaultTIRSchedule"


def _const(*shape):
    return relax.const(RNG.standard_normal(shape).astype("float32"))


LEGALIZED = {
    "batch_matmul": lambda op: op.matmul(_const(2, 3, 40, 32), _const(32, 48)),
    "conv2d": lambda op: op.nn.conv2d(_const(2, 8, 18, 18), _const(16, 8, 3, 3)),
    "layer_norm": lambda op: op.nn.layer_norm(_const(4, 64, 96), _const(96), _const(96), axes=[-1]),
    "softmax": lambda op: op.nn.softmax(_const(64, 1000)),
    "take": lambda op: op.take(_const(100, 64), relax.const(np.array([3, 1, 99, 0], "int64")), axis=0),
    "permute_dims": lambda op: op.permute_dims(_const(64, 32, 48), [2, 0, 1]),
    "concat": lambda op: op.concat([_const(64, 100), _const(64, 28)], axis=1),
    "sum": lambda op: op.sum(_const(300, 64), axis=[0]),
    "cumsum": lambda op: op.cumsum(_const(300, 300), axis=1),
    "where": lambda op: op.where(op.greater(_const(300, 300), _const(300, 300)), _const(300, 300),
                                 _const(300, 300)),
}


@pytest.mark.parametrize("name", sorted(LEGALIZED))
def test_legalized_operators_compute_the_same_once_scheduled(name):
    bb = relax.BlockBuilder()
    with bb.function("main", []):
        with bb.dataflow():
            out = bb.emit_output(LEGALIZED[name](relax.op))
        bb.emit_func_output(out)
    legalized = relax.transform.LegalizeOps()(bb.get())
    fold = tessel.transform.Sequential([relax.transform.FoldConstant(),
                                        relax.transform.DeadCodeElimination()])
    reference = fold(legalized)["main"].body.body  # FoldConstant runs the kernels
    result = fold(relax.transform.DefaultTIRSchedule()(legalized))["main"].body.body
    assert isinstance(reference, relax.Constant) and isinstance(result, relax.Constant)
    np.testing.assert_allclose(result.data.numpy(), reference.data.numpy(), rtol=1e-6, atol=1e-6)
