"""te.create_prim_func: each graph gives the PrimFunc written by hand in T script."""

from tessel import ir, te, tir
from tessel.script import tir as T
from tessel.testing import assert_roundtrip


def check(func, expected):
    ir.assert_structural_equal(func, expected)
    assert_roundtrip(func)


def test_elementwise_add():
    A = te.placeholder((128, 64), "float32", name="A")
    B = te.placeholder((128, 64), "float32", name="B")
    C = te.compute((128, 64), lambda i, j: A[i, j] + B[i, j], name="C")

    @T.prim_func
    def expected(A: T.Buffer((128, 64), "float32"), B: T.Buffer((128, 64), "float32"),
                 C: T.Buffer((128, 64), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i, j in T.grid(128, 64):
            with T.block("C"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i, v_j], B[v_i, v_j])
                T.writes(C[v_i, v_j])
                C[v_i, v_j] = A[v_i, v_j] + B[v_i, v_j]

    check(te.create_prim_func([A, B, C]), expected)


def test_matmul_is_a_reduction_block_with_init():
    A = te.placeholder((128, 128), "float32", name="A")
    B = te.placeholder((128, 128), "float32", name="B")
    k = te.reduce_axis((0, 128), name="k")
    C = te.compute((128, 128), lambda i, j: te.sum(A[i, k] * B[k, j], axis=k), name="C")

    @T.prim_func
    def expected(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
                 C: T.Buffer((128, 128), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i, j, k in T.grid(128, 128, 128):
            with T.block("C"):
                v_i, v_j, v_k = T.axis.remap("SSR", [i, j, k])
                T.reads(A[v_i, v_k], B[v_k, v_j])
                T.writes(C[v_i, v_j])
                with T.init():
                    C[v_i, v_j] = T.float32(0.0)
                C[v_i, v_j] = C[v_i, v_j] + A[v_i, v_k] * B[v_k, v_j]

    check(te.create_prim_func([A, B, C]), expected)


def test_intermediate_compute_becomes_an_alloc_buffer_of_the_root_block():
    A = te.placeholder((16, 16), "float32", name="A")
    B = te.compute((16, 16), lambda i, j: A[i, j] * 2.0, name="B")
    C = te.compute((16, 16), lambda i, j: B[i, j] + 1.0, name="C")

    @T.prim_func
    def expected(A: T.Buffer((16, 16), "float32"), C: T.Buffer((16, 16), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        with T.block("root"):
            T.reads()
            T.writes()
            B = T.alloc_buffer((16, 16), "float32")
            for i, j in T.grid(16, 16):
                with T.block("B"):
                    v_i, v_j = T.axis.remap("SS", [i, j])
                    T.reads(A[v_i, v_j])
                    T.writes(B[v_i, v_j])
                    B[v_i, v_j] = A[v_i, v_j] * T.float32(2.0)
            for i, j in T.grid(16, 16):
                with T.block("C"):
                    v_i, v_j = T.axis.remap("SS", [i, j])
                    T.reads(B[v_i, v_j])
                    T.writes(C[v_i, v_j])
                    C[v_i, v_j] = B[v_i, v_j] + T.float32(1.0)

    check(te.create_prim_func([A, C]), expected)


def test_broadcast_add_with_a_symbolic_dimension():
    n = te.var("n")
    A = te.placeholder((n, 4), "float32", name="A")
    B = te.placeholder((4,), "float32", name="B")
    C = te.compute((n, 4), lambda i, j: A[i, j] + B[j], name="C")

    @T.prim_func
    def expected(var_A: T.handle, B: T.Buffer((4,), "float32"), var_C: T.handle):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        n = T.int32()
        A = T.match_buffer(var_A, (n, 4), "float32")
        C = T.match_buffer(var_C, (n, 4), "float32")
        for i, j in T.grid(n, 4):
            with T.block("C"):
                v_i, v_j = T.axis.remap("SS", [i, j])
                T.reads(A[v_i, v_j], B[v_j])
                T.writes(C[v_i, v_j])
                C[v_i, v_j] = A[v_i, v_j] + B[v_j]

    func = te.create_prim_func([A, B, C])
    check(func, expected)
    assert func.buffer_map[func.params[0]].shape[0].same_as(n)


def test_symbolic_size_listed_as_a_scalar_parameter():
    n = te.var("n")
    A = te.placeholder((n,), "float32", name="A")
    B = te.compute((n,), lambda i: A[i] * 2.0, name="B")

    @T.prim_func
    def expected(A: T.Buffer((n,), "float32"), B: T.Buffer((n,), "float32"), n: T.int32):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i in range(n):
            with T.block("B"):
                v_i = T.axis.spatial(n, i)
                T.reads(A[v_i])
                T.writes(B[v_i])
                B[v_i] = A[v_i] * T.float32(2.0)

    func = te.create_prim_func([A, B, n])
    assert func.params[2].same_as(n)
    check(func, expected)


def test_size_var_stays_a_size_var():
    n = te.size_var("n")
    A = te.placeholder((n,), "float32", name="A")
    B = te.compute((n,), lambda i: A[i] * 2.0, name="B")
    func = te.create_prim_func([A, B])
    assert isinstance(func.buffer_map[func.params[0]].shape[0], tir.SizeVar)
    assert_roundtrip(func)


def test_max_reduction_starts_from_the_lowest_float():
    A = te.placeholder((8, 32), "float32", name="A")
    k = te.reduce_axis(32, name="k")
    B = te.compute((8,), lambda i: te.max(A[i, k], axis=[k]), name="B")

    @T.prim_func
    def expected(A: T.Buffer((8, 32), "float32"), B: T.Buffer((8,), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i, k in T.grid(8, 32):
            with T.block("B"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(A[v_i, v_k])
                T.writes(B[v_i])
                with T.init():
                    B[v_i] = T.float32(-3.4028234663852886e+38)
                B[v_i] = T.max(B[v_i], A[v_i, v_k])

    check(te.create_prim_func([A, B]), expected)


def test_comm_reducer_product_with_a_condition():
    product = te.comm_reducer(lambda x, y: x * y, lambda dtype: tir.const(1, dtype), name="product")
    A = te.placeholder((8, 16), "int32", name="A")
    k = te.reduce_axis((2, 16), name="k")
    B = te.compute((8,), lambda i: product(A[i, k], axis=k, where=A[i, k] > 0), name="B")

    @T.prim_func
    def expected(A: T.Buffer((8, 16), "int32"), B: T.Buffer((8,), "int32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i in range(8):
            for k in T.serial(2, 16):
                with T.block("B"):
                    v_i = T.axis.spatial(8, i)
                    v_k = T.axis.reduce((2, 16), k)
                    T.reads(A[v_i, v_k])
                    T.writes(B[v_i])
                    with T.init():
                        B[v_i] = 1
                    if A[v_i, v_k] > 0:
                        B[v_i] = B[v_i] * A[v_i, v_k]

    check(te.create_prim_func([A, B]), expected)


def test_intrinsics_and_select():
    A = te.placeholder((32,), "float32", name="A")
    B = te.compute((32,), lambda i: tir.Select(A[i] > 0.0, tir.exp(A[i]), A[i] * 0.5), name="B")

    @T.prim_func
    def expected(A: T.Buffer((32,), "float32"), B: T.Buffer((32,), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i in range(32):
            with T.block("B"):
                v_i = T.axis.spatial(32, i)
                T.reads(A[v_i])
                T.writes(B[v_i])
                B[v_i] = T.Select(A[v_i] > T.float32(0.0), T.exp(A[v_i]),
                                  A[v_i] * T.float32(0.5))

    check(te.create_prim_func([A, B]), expected)


def test_reads_cover_neighbouring_and_scattered_accesses():
    A = te.placeholder((10,), "float32", name="A")
    B = te.compute((9,), lambda i: A[i] + A[i + 1], name="B")
    C = te.compute((5,), lambda i: A[i * 2] + B[i], name="C")
    func = te.create_prim_func([A, B, C])
    blocks = [s.body.block for s in func.body.seq]
    (read_b,) = blocks[0].reads
    assert ir.structural_equal(read_b.region[0].extent, tir.const(2))
    assert read_b.region[0].min.same_as(blocks[0].iter_vars[0].var)
    read_a, read_bb = blocks[1].reads
    assert ir.structural_equal(read_a.region[0].extent, tir.const(1))
    assert ir.structural_equal(read_a.region[0].min, blocks[1].iter_vars[0].var * 2)
    assert_roundtrip(func)


def test_block_names_are_unique_and_attrs_become_annotations():
    A = te.placeholder((4,), "float32", name="A")
    B = te.compute((4,), lambda i: A[i] + 1.0, name="T", attrs={"op_pattern": 0})
    C = te.compute((4,), lambda i: B[i] + 1.0, name="T")
    func = te.create_prim_func([A, C])
    names = [s.body.block.name_hint for s in func.body.block.body.seq]
    assert names == ["T", "T_1"]
    annotations = func.body.block.body.seq[0].body.block.annotations
    assert list(annotations) == ["op_pattern"] and annotations["op_pattern"].value == 0
    assert_roundtrip(func)


def test_int64_shapes_give_int64_loops_and_block_variables():
    n = te.var("n", "int64")
    A = te.placeholder((n, tir.const(4, "int64")), "float32", name="A")
    k = te.reduce_axis((0, tir.const(4, "int64")), name="k")
    B = te.compute((n,), lambda i: te.sum(A[i, k], axis=k), name="B")

    @T.prim_func
    def expected(var_A: T.handle, var_B: T.handle):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        n = T.int64()
        A = T.match_buffer(var_A, (n, T.int64(4)), "float32")
        B = T.match_buffer(var_B, (n,), "float32")
        for i, k in T.grid(n, T.int64(4)):
            with T.block("B"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(A[v_i, v_k])
                T.writes(B[v_i])
                with T.init():
                    B[v_i] = T.float32(0.0)
                B[v_i] = B[v_i] + A[v_i, v_k]

    func = te.create_prim_func([A, B])
    assert func.body.loop_var.dtype == "int64"
    check(func, expected)


def test_argmax_tuple_reducer_fills_two_outputs_in_one_block():
    argmax = te.comm_reducer(
        lambda x, y: (tir.Select(x[1] >= y[1], x[0], y[0]), tir.max(x[1], y[1])),
        lambda t0, t1: (tir.const(-1, t0), te.min_value(t1)), name="argmax")
    A = te.placeholder((4, 8), "float32", name="A")
    k = te.reduce_axis((0, 8), name="k")
    index, value = te.compute((4,), lambda i: argmax((k, A[i, k]), axis=k), name="R")
    assert (index.dtype, value.dtype) == ("int32", "float32")

    @T.prim_func
    def expected(A: T.Buffer((4, 8), "float32"), R_v0: T.Buffer((4,), "int32"),
                 R_v1: T.Buffer((4,), "float32")):
        T.func_attr({"global_symbol": "main", "tir.noalias": True})
        for i, k in T.grid(4, 8):
            with T.block("R"):
                v_i, v_k = T.axis.remap("SR", [i, k])
                T.reads(A[v_i, v_k])
                T.writes(R_v0[v_i], R_v1[v_i])
                with T.init():
                    R_v0[v_i] = -1
                    R_v1[v_i] = T.float32(-3.4028234663852886e+38)
                v_R_v0: T.int32 = T.Select(R_v1[v_i] >= A[v_i, v_k], R_v0[v_i], v_k)
                v_R_v1: T.float32 = T.max(R_v1[v_i], A[v_i, v_k])
                R_v0[v_i] = v_R_v0
                R_v1[v_i] = v_R_v1

    check(te.create_prim_func([A, index, value]), expected)


def test_unlisted_output_of_a_tuple_compute_is_an_intermediate():
    A = te.placeholder((4,), "float32", name="A")
    low, high = te.compute((4,), lambda i: (A[i] - 1.0, A[i] + 1.0), name="P")
    B = te.compute((4,), lambda i: high[i] * low[i], name="B")
    func = te.create_prim_func([A, B])
    root = func.body.block
    assert [b.name for b in root.alloc_buffers] == ["P_v0", "P_v1"]
    first = root.body.seq[0].body.block
    assert [w.buffer.name for w in first.writes] == ["P_v0", "P_v1"]
    assert [r.buffer.name for r in root.body.seq[1].body.block.reads] == ["P_v1", "P_v0"]
    assert_roundtrip(func)
