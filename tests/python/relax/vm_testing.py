"""Shared pieces of the VM tests: kernels from te, and hand-written Relax functions in the
form relax.transform.LowerToVM produces (plain blocks, destination-passing kernel calls,
entry checks through the vm.builtin functions)."""

from tessel import ir, relax, te, tir
from tessel.relax.build import _build_lowered

F32 = relax.TensorStructInfo(dtype="float32", ndim=2)
OBJ = relax.ObjectStructInfo()


def i64(value):
    """A PrimValue of an int64 constant."""
    return relax.PrimValue(tir.IntImm("int64", value))


def s(value):
    """A StringImm."""
    return relax.StringImm(value)


def kernel(name, fcompute, nargs):
    """An elementwise PrimFunc over (n, 4) float32 tensors named ``name`` (its symbol)."""
    n = te.var("n", "int64")
    inputs = [te.placeholder((n, 4), "float32", name=f"A{i}") for i in range(nargs)]
    out = te.compute((n, 4), lambda i, j: fcompute(*[a[i, j] for a in inputs]), name="out")
    return te.create_prim_func(inputs + [out]).with_attr("global_symbol", name)


class FunctionWriter:
    """Writes one lowered Relax function binding by binding."""

    def __init__(self):
        self.bindings = []

    def emit(self, value, name="v", sinfo=OBJ):
        var = relax.Var(name, sinfo)
        self.bindings.append(relax.VarBinding(var, value))
        return var

    def call(self, func, *args, name="v", sinfo=OBJ):
        """A call of a packed function by name (an ExternFunc) or of a GlobalVar."""
        callee = relax.ExternFunc(func) if isinstance(func, str) else func
        return self.emit(relax.Call(callee, list(args)), name, sinfo)

    def check_tensor(self, func_name, param, ndim, dtype):
        ctx = s(f"{func_name}: argument {param.name_hint}")
        self.call("vm.builtin.check_tensor_info", param, i64(ndim), s(dtype), ctx)

    def finish(self, params, result, name):
        body = relax.SeqExpr([relax.BindingBlock(self.bindings)], result)
        return relax.Function(params, body, result.struct_info_, attrs={"global_symbol": name})


def add_scale_module():
    """main(x: (n, 4), y: (n, 4)) = (x + y) * 2 with the entry checks of VMShapeLower.

    The shape heap holds n (from x); y must agree with it.
    """
    mod = ir.IRModule({
        "add": kernel("add", lambda a, b: a + b, 2),
        "scale": kernel("scale", lambda a: a * tir.FloatImm("float32", 2.0), 1),
    })
    x = relax.Var("x", F32)
    y = relax.Var("y", F32)
    w = FunctionWriter()
    for param in (x, y):
        w.check_tensor("main", param, 2, "float32")
    heap = w.call("vm.builtin.alloc_shape_heap", i64(1), name="heap")
    w.call("vm.builtin.match_shape", x, heap, i64(2), i64(1), i64(0), i64(2), i64(4), s("main: argument x"))
    w.call("vm.builtin.match_shape", y, heap, i64(2), i64(3), i64(0), i64(2), i64(4),
           s("main: argument y (n from argument x dimension 0)"))
    shape = w.call("vm.builtin.make_shape", heap, i64(2), i64(1), i64(0), i64(0), i64(4), name="shape",
                   sinfo=relax.ShapeStructInfo(ndim=2))
    t = w.call("vm.builtin.empty", shape, s("float32"), i64(0), name="t", sinfo=F32)
    w.call(mod.get_global_var("add"), x, y, t)
    out = w.call("vm.builtin.empty", shape, s("float32"), i64(0), name="out", sinfo=F32)
    w.call(mod.get_global_var("scale"), t, out)
    mod["main"] = w.finish([x, y], out, "main")
    return mod


def build(mod, target="llvm"):
    """The executable of a module already in the lowered form."""
    return _build_lowered(mod, target)
