"""Helpers of the VM lowering tests: modules built with the BlockBuilder, and a checker of
the IR form the VM code generator reads (the contract of relax.transform_vm.LowerToVM)."""

from tessel import ir, relax, te, tir

MEMORY_OPS = {"relax.memory.alloc_storage", "relax.memory.alloc_tensor",
              "relax.memory.kill_storage", "relax.memory.kill_tensor",
              "relax.builtin.alloc_tensor"}


def op_name(call):
    """The operator name of a call of an operator, else None."""
    return call.op.name if isinstance(call.op, ir.Op) else None


def bindings(func):
    """Every binding of a function's top-level blocks, in order."""
    return [b for block in func.body.blocks for b in block.bindings]


def calls_of(func, name):
    """The values of the top-level bindings that call the operator or extern function `name`."""
    out = []
    for b in bindings(func):
        value = b.value
        if not isinstance(value, relax.Call):
            continue
        if op_name(value) == name or (isinstance(value.op, relax.ExternFunc)
                                      and value.op.global_symbol == name):
            out.append(value)
    return out


def int_values(args):
    """The Python ints of a list of int64 PrimValues."""
    return [a.value.value for a in args]


def _check_leaf(expr, where):
    if isinstance(expr, relax.ShapeExpr):
        for v in expr.values:
            assert isinstance(v, tir.IntImm), f"{where}: symbolic ShapeExpr {expr}"
    elif isinstance(expr, relax.PrimValue):
        assert isinstance(expr.value, (tir.IntImm, tir.FloatImm)), f"{where}: symbolic {expr}"
    elif isinstance(expr, relax.Tuple):
        for f in expr.fields:
            _check_leaf(f, where)
    else:
        assert isinstance(expr, (relax.Var, relax.Constant, relax.StringImm)), \
            f"{where}: {type(expr).__name__} is not a leaf"


def _check_seq(seq, mod, where):
    assert isinstance(seq, relax.SeqExpr), where
    for block in seq.blocks:
        assert not isinstance(block, relax.DataflowBlock), f"{where}: dataflow block"
        for b in block.bindings:
            assert isinstance(b, relax.VarBinding), f"{where}: {type(b).__name__}"
            assert not isinstance(b.var, relax.DataflowVar), f"{where}: DataflowVar {b.var}"
            _check_value(b.value, mod, f"{where}, binding {b.var.name_hint}")
    _check_leaf(seq.body, where)


def _check_value(value, mod, where):
    if isinstance(value, relax.TupleGetItem):
        assert isinstance(value.tuple, relax.Var), where
    elif isinstance(value, relax.If):
        assert isinstance(value.cond, relax.Var), where
        _check_seq(value.true_branch, mod, where)
        _check_seq(value.false_branch, mod, where)
    elif isinstance(value, relax.Call):
        op = value.op
        if isinstance(op, ir.Op):
            assert op.name in MEMORY_OPS, f"{where}: operator {op.name} remains"
        else:
            assert isinstance(op, (ir.GlobalVar, relax.ExternFunc)), f"{where}: callee {op}"
            if isinstance(op, ir.GlobalVar):
                assert op.name_hint in [g.name_hint for g in mod.get_global_vars()], where
        for a in value.args:
            _check_leaf(a, where)
    else:
        _check_leaf(value, where)


def check_vm_form(mod):
    """Assert every Relax function of mod is in the form the VM code generator reads."""
    for gv in mod.get_global_vars():
        func = mod[gv]
        if isinstance(func, relax.Function):
            _check_seq(func.body, mod, gv.name_hint)


def unary_te(bb, x, fcompute, name):
    """Emit a call_tir of a te elementwise computation on x."""
    return bb.emit_te(lambda a: te.compute(a.shape, lambda *i: fcompute(a[i]), name=name), x,
                      primfunc_name_hint=name)


def chain_module(length=4, shape=(16, 16), dtype="float32"):
    """main(x) = relu applied `length` times, through a dataflow block."""
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo(list(shape), dtype))
    with bb.function("main", params=[x]):
        with bb.dataflow():
            value = x
            for _ in range(length):
                value = unary_te(bb, value, lambda v: tir.Max(v, tir.const(0, dtype)), "relu")
            out = bb.emit_output(value)
        bb.emit_func_output(out)
    return bb.get()
