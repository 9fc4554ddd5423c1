"""TensorIR nodes from Python: construction, fields, arithmetic, printing, functors, errors."""

import pytest

from tessel import ir, tir
from tessel.error import InvalidArgumentError


def matmul(n: int = 128) -> tir.PrimFunc:
    """C[i, j] += A[i, k] * B[k, j] over a block "C" with an init."""
    A = tir.decl_buffer((n, n), "float32", "A")
    B = tir.decl_buffer((n, n), "float32", "B")
    C = tir.decl_buffer((n, n), "float32", "C")
    i, j, k = tir.Var("i"), tir.Var("j"), tir.Var("k")
    vi, vj, vk = tir.Var("vi"), tir.Var("vj"), tir.Var("vk")

    def point(*indices):
        return [ir.Range(x, 1) for x in indices]

    block = tir.Block(
        iter_vars=[
            tir.IterVar(n, vi, "S"),
            tir.IterVar(n, vj, "S"),
            tir.IterVar(n, vk, tir.IterVar.CommReduce),
        ],
        reads=[tir.BufferRegion(A, point(vi, vk)), tir.BufferRegion(B, point(vk, vj))],
        writes=[tir.BufferRegion(C, point(vi, vj))],
        name_hint="C",
        body=tir.BufferStore(C, C[vi, vj] + A[vi, vk] * B[vk, vj], [vi, vj]),
        init=tir.BufferStore(C, 0.0, [vi, vj]),
    )
    realize = tir.BlockRealize([i, j, k], True, block)
    loops = tir.For(i, 0, n, tir.ForKind.SERIAL,
                    tir.For(j, 0, n, tir.ForKind.SERIAL,
                            tir.For(k, 0, n, tir.ForKind.SERIAL, realize)))
    return tir.PrimFunc([A, B, C], loops, attrs={"global_symbol": "main"})


def test_var_fields_and_module():
    x = tir.Var("x", "float32")
    assert x.name_hint == "x"
    assert x.dtype == "float32"
    assert type(x).__module__ == "tessel.tir"
    assert isinstance(x, ir.PrimExpr)
    assert isinstance(tir.SizeVar("n"), tir.Var)


def test_arithmetic_builds_nodes():
    x, y = tir.Var("x"), tir.Var("y")
    e = x + y * 2
    assert isinstance(e, tir.Add)
    assert e.a.same_as(x)
    assert isinstance(e.b, tir.Mul)
    assert e.b.b.value == 2
    assert isinstance(3 - x, tir.Sub) and (3 - x).a.value == 3
    assert isinstance(x // 4, tir.FloorDiv)
    assert isinstance(x % 4, tir.FloorMod)
    assert isinstance(-x, tir.Sub)
    lt = x < y
    assert isinstance(lt, tir.LT) and lt.dtype == "bool"
    assert isinstance(x.equal(y), tir.EQ)
    assert isinstance(tir.EQ(x, y), tir.EQ)
    # == stays identity.
    assert (x == y) is False
    assert x == x
    # Literals take the other operand's dtype.
    f = tir.Var("f", "float32")
    assert (f * 2).b.dtype == "float32"
    assert (tir.Var("k", "int64") + 1).dtype == "int64"
    assert isinstance(tir.max(x, 3), tir.Max)
    assert isinstance(tir.exp(f), tir.Call)
    assert tir.exp(f).op.name == "tir.exp"
    with pytest.raises(InvalidArgumentError):
        bool(x < y)


def test_buffer_fields_and_load():
    n = tir.SizeVar("n")
    A = tir.decl_buffer((n, 784), "float32", "A")
    assert A.shape[0].same_as(n)
    assert A.shape[1].value == 784
    assert A.dtype == "float32"
    assert A.scope == "global"
    assert A.data.dtype == "handle"
    load = A[0, 1]
    assert isinstance(load, tir.BufferLoad)
    assert load.buffer.same_as(A)
    assert [i.value for i in load.indices] == [0, 1]


def test_dtype_errors_name_the_op():
    x = tir.Var("x")
    f = tir.Var("f", "float32")
    with pytest.raises(InvalidArgumentError, match=r"tir\.Add.*int32.*float32"):
        x + f
    with pytest.raises(InvalidArgumentError, match=r"tir\.Add"):
        tir.Add(x, f)
    with pytest.raises(InvalidArgumentError, match=r"tir\.LT"):
        tir.LT(x, f)
    with pytest.raises(InvalidArgumentError, match=r"tir\.exp"):
        tir.exp(x)
    A = tir.decl_buffer((4, 4), "float32", "A")
    with pytest.raises(InvalidArgumentError, match=r"tir\.BufferLoad"):
        A[0]
    with pytest.raises(InvalidArgumentError, match=r"tir\.BufferStore"):
        tir.BufferStore(A, x, [0, 0])
    assert type(pytest.raises(InvalidArgumentError, tir.Mul, x, f).value) is InvalidArgumentError


def test_statements_and_function_fields():
    func = matmul()
    assert len(func.params) == 3
    assert func.attrs.dict["global_symbol"] == "main"
    loop = func.body
    assert isinstance(loop, tir.For)
    assert loop.kind == tir.ForKind.SERIAL
    assert loop.extent.value == 128
    block = loop.body.body.body.block
    assert block.name_hint == "C"
    assert [iv.iter_type for iv in block.iter_vars] == [0, 0, 2]
    assert func.buffer_map[func.params[0]].name == "A"
    renamed = func.with_attr("global_symbol", "mm")
    assert renamed.attrs.dict["global_symbol"] == "mm"
    assert func.attrs.dict["global_symbol"] == "main"


def test_matmul_script():
    text = matmul().script()
    assert text.splitlines() == [
        "@T.prim_func",
        'def main(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"), '
        'C: T.Buffer((128, 128), "float32")):',
        '    T.func_attr({"global_symbol": "main"})',
        "    for i, j, k in T.grid(128, 128, 128):",
        '        with T.block("C"):',
        '            vi, vj, vk = T.axis.remap("SSR", [i, j, k])',
        "            T.reads(A[vi, vk], B[vk, vj])",
        "            T.writes(C[vi, vj])",
        "            with T.init():",
        "                C[vi, vj] = T.float32(0.0)",
        "            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]",
    ]
    compile(text, "<script>", "exec")  # valid Python


class RemoveMulOne(tir.StmtExprMutator):
    """Rewrites x * 1 to x."""

    def visit_mul_(self, op):
        op = super().visit_mul_(op)
        if isinstance(op, tir.Mul) and isinstance(op.b, ir.IntImm) and op.b.value == 1:
            return op.a
        return op


def test_python_mutator_rewrites_function_body():
    x = tir.Var("x")
    A = tir.decl_buffer((8,), "int32", "A")
    i = tir.Var("i")
    keep = tir.BufferStore(A, i + 1, [0])
    body = tir.For(i, 0, 8, tir.ForKind.SERIAL,
                   tir.SeqStmt([keep, tir.BufferStore(A, (x * 1) * 1 + i, [i])]))
    func = tir.PrimFunc([x, A], body)
    new_body = RemoveMulOne().visit_stmt(func.body)
    store = new_body.body[1]
    assert isinstance(store.value, tir.Add)
    assert store.value.a.same_as(x)
    assert new_body.body[0].same_as(keep)  # unchanged statements are shared
    assert RemoveMulOne().visit_stmt(keep).same_as(keep)
    new_func = func.with_body(new_body)
    assert "x + i" in new_func.script()


def test_python_expr_visitor_and_mutator():
    class CountVars(tir.ExprVisitor):
        def __init__(self):
            super().__init__()
            self.names = []

        def visit_var_(self, op):
            self.names.append(op.name_hint)

    x, y = tir.Var("x"), tir.Var("y")
    counter = CountVars()
    counter.visit_expr(x * y + x)
    assert counter.names == ["x", "y", "x"]

    class Swap(tir.ExprMutator):
        def visit_var_(self, op):
            return y if op.same_as(x) else op

    e = x + 1
    out = Swap().visit_expr(e)
    assert out.a.same_as(y)
    unchanged = y + 1
    assert Swap().visit_expr(unchanged).same_as(unchanged)
