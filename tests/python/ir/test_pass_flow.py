"""The core flow end to end: a module, a Python pass mixed with built-in passes in a
Sequential under a PassContext that times and dumps every pass, and a round trip."""

from tessel import ir, tir, transform
from tessel.script import ir as I
from tessel.script import tir as T
from tessel.testing import assert_roundtrip


@I.ir_module
class Module:
    @T.prim_func
    def main(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        for i in range(8):
            B[i] = A[i] * T.float32(1.0)

    @T.prim_func
    def unused(A: T.Buffer((8,), "float32")):
        for i in range(8):
            A[i] = T.float32(0.0)


class _DropMulByOne(tir.StmtExprMutator):
    def visit_mul_(self, op):
        op = super().visit_mul_(op)
        if isinstance(op, tir.Mul) and isinstance(op.b, ir.FloatImm) and op.b.value == 1.0:
            return op.a
        return op


@transform.function_pass(opt_level=1, name="DropMulByOne")
def drop_mul_by_one(func, mod, ctx):
    if not isinstance(func, tir.PrimFunc):
        return func
    return func.with_body(_DropMulByOne().visit_stmt(func.body))


@I.ir_module
class Expected:
    @T.prim_func
    def main(A: T.Buffer((8,), "float32"), B: T.Buffer((8,), "float32")):
        T.func_attr({"global_symbol": "main"})
        for i in range(8):
            B[i] = A[i]


def test_python_pass_composes_with_builtin_passes(tmp_path):
    pipeline = transform.Sequential(
        [drop_mul_by_one, transform.RemoveUnusedFunctions(), transform.AttachGlobalSymbol()],
        name="cleanup")
    timing = transform.PassTimingInstrument()
    with transform.PassContext(opt_level=2, instruments=[timing, transform.DumpIR(str(tmp_path))]):
        result = pipeline(Module)

    ir.assert_structural_equal(result, Expected)
    assert "unused" in Module, "passes never edit their input"
    report = timing.report()
    for name in ("cleanup", "DropMulByOne", "RemoveUnusedFunctions", "AttachGlobalSymbol"):
        assert name in report
    dumps = sorted(p.name for p in tmp_path.iterdir())
    assert dumps == ["000_DropMulByOne.py", "001_RemoveUnusedFunctions.py",
                     "002_AttachGlobalSymbol.py", "003_cleanup.py"]
    assert "B[i] = A[i]\n" in (tmp_path / "000_DropMulByOne.py").read_text() + "\n"
    assert_roundtrip(result)


def test_opt_level_skips_the_python_pass():
    with transform.PassContext(opt_level=0):
        result = transform.Sequential([drop_mul_by_one])(Module)
    assert result.same_as(Module)
