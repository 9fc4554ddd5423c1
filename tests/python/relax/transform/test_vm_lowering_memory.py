"""The memory operators and StaticPlanBlockMemory: storage reuse along liveness, never for
what a function returns, the bytes-saved report, and what is left unplanned."""

import pytest

from tessel import ir, relax, te, tir
from tessel.error import InvalidArgumentError, TypeInferenceError
from tessel.relax import transform_vm
from tessel.relax.op import memory

from vm_lowering_testing import bindings, calls_of, chain_module, unary_te

F32 = "float32"


def plan(mod):
    mod = transform_vm.CallTIRRewrite()(transform_vm.ToNonDataflow()(mod))
    return transform_vm.StaticPlanBlockMemory()(mod)


def report(func):
    return {k: int(v.value) for k, v in func.attrs["relax.memory_plan"].items()}


def test_memory_op_struct_info():
    bb = relax.BlockBuilder()
    with bb.function("main", params=[]):
        s = bb.emit(memory.alloc_storage([1024], 0, F32))
        t = bb.emit(memory.alloc_tensor(s, 0, [4, 8], F32))
        u = bb.emit(memory.builtin_alloc_tensor([2, 3], "int8", 0))
        k = bb.emit(memory.kill_tensor(t))
        bb.emit(memory.kill_storage(s))
        bb.emit_func_output(relax.Tuple([t, u, k]))
    assert isinstance(s.struct_info_, relax.ObjectStructInfo)
    assert t.struct_info_.dtype == F32 and [v.value for v in t.struct_info_.shape.values] == [4, 8]
    assert u.struct_info_.dtype == "int8" and u.struct_info_.ndim == 2
    assert k.struct_info_.fields == ()


def test_memory_op_errors_name_the_op_and_argument():
    bb = relax.BlockBuilder()
    with bb.function("main", params=[]):
        with pytest.raises(TypeInferenceError, match="relax.memory.alloc_storage: argument size must be "
                                                     "a shape of one value"):
            bb.emit(memory.alloc_storage([4, 4], 0, F32))
        with pytest.raises(TypeInferenceError, match='relax.builtin.alloc_tensor: argument dtype "flot32"'):
            bb.emit(memory.builtin_alloc_tensor([4], "flot32", 0))
        with pytest.raises(TypeInferenceError,
                           match="relax.builtin.alloc_tensor: argument shape must be a shape"):
            bb.emit(memory.builtin_alloc_tensor(relax.PrimValue(tir.IntImm("int64", 4)), F32, 0))
        with pytest.raises(TypeInferenceError, match="relax.memory.alloc_tensor: argument offset must be an "
                                                     "integer PrimValue"):
            bb.emit(memory.alloc_tensor(relax.StringImm("s"), relax.StringImm("0"), [4], F32))
        bb.emit_func_output(relax.Tuple([]))


def test_memory_op_wrappers_reject_python_values_of_the_wrong_kind():
    with pytest.raises(InvalidArgumentError,
                       match="relax.memory.alloc_storage: argument size must be a shape"):
        memory.alloc_storage("64")
    with pytest.raises(InvalidArgumentError,
                       match="relax.builtin.alloc_tensor: argument dtype must be a str"):
        memory.builtin_alloc_tensor([2], 3)
    with pytest.raises(InvalidArgumentError,
                       match="relax.memory.alloc_tensor: argument storage must be an Expr"):
        memory.alloc_tensor(None, 0, [1], F32)
    with pytest.raises(InvalidArgumentError, match="relax.memory.kill_tensor: argument tensor"):
        memory.kill_tensor([1])


def test_chain_reuses_storage_of_dead_tensors():
    # relu^5: the four intermediate tensors alternate between two storages; the result is fresh.
    after = plan(chain_module(5, shape=(16, 16)))["main"]
    nbytes = 16 * 16 * 4
    storages = calls_of(after, "relax.memory.alloc_storage")
    assert len(storages) == 2
    assert [int(s.args[0].values[0].value) for s in storages] == [nbytes, nbytes]
    placed = calls_of(after, "relax.memory.alloc_tensor")
    assert len(placed) == 4
    assert [p.args[0].name_hint for p in placed] == ["storage0", "storage1", "storage0", "storage1"]
    fresh = calls_of(after, "relax.builtin.alloc_tensor")
    assert len(fresh) == 1
    assert report(after) == {"planned_bytes": 2 * nbytes, "unplanned_bytes": 4 * nbytes,
                             "saved_bytes": 2 * nbytes}
    print(f"relu chain of 5 on 16x16 float32: {report(after)['saved_bytes']} bytes saved")


def test_outputs_and_their_aliases_are_never_planned():
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([8], F32))
    with bb.function("main", params=[x]):
        a = unary_te(bb, x, lambda v: v + 1.0, "inc")
        b = unary_te(bb, a, lambda v: v + 1.0, "inc")
        t = bb.emit(relax.Tuple([b]))
        c = unary_te(bb, a, lambda v: v + 1.0, "inc")
        bb.emit_func_output(relax.Tuple([t, c]))
    after = plan(bb.get())["main"]
    # b (held by the returned tuple t) and c are results; only a is planned.
    assert len(calls_of(after, "relax.builtin.alloc_tensor")) == 2
    assert len(calls_of(after, "relax.memory.alloc_tensor")) == 1
    assert report(after)["saved_bytes"] == 0


def test_alias_through_tuple_keeps_the_tensor_alive():
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([8], F32))
    with bb.function("main", params=[x]):
        a = unary_te(bb, x, lambda v: v + 1.0, "inc")
        t = bb.emit(relax.Tuple([a]))
        b = unary_te(bb, x, lambda v: v + 1.0, "inc")   # a is alive through t: no reuse
        a2 = bb.emit(relax.TupleGetItem(t, 0))
        c = unary_te(bb, a2, lambda v: v + 1.0, "inc")
        d = unary_te(bb, b, lambda v: v + 1.0, "inc")   # a and c dead: reuses a storage
        e = unary_te(bb, d, lambda v: v + 1.0, "inc")
        bb.emit_func_output(relax.Tuple([c, e]))
    after = plan(bb.get())["main"]
    placed = calls_of(after, "relax.memory.alloc_tensor")
    # a, b, d planned; a and b live together; d takes a's storage.
    assert [p.args[0].name_hint for p in placed] == ["storage0", "storage1", "storage0"]
    assert report(after)["saved_bytes"] == 64


def test_best_fit_takes_the_smallest_free_storage_that_fits():
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([256], F32))
    with bb.function("main", params=[x]):
        a = bb.emit_te(lambda v: te.compute((256,), lambda i: v[i] + 1.0, name="big"), x)
        b = bb.emit_te(lambda v: te.compute((64,), lambda i: v[i] * 2.0, name="small"), x)
        c = bb.emit_te(lambda u, v: te.compute((64,), lambda i: u[i] + v[i], name="mix"), a, b)
        d = unary_te(bb, c, lambda v: v + 1.0, "inc")
        bb.emit_func_output(unary_te(bb, d, lambda v: v + 1.0, "inc"))
    after = plan(bb.get())["main"]
    placed = [p.args[0].name_hint for p in calls_of(after, "relax.memory.alloc_tensor")]
    # a (1024 B) and b (256 B) die at c's kernel; d (256 B) takes b's storage, not a's.
    assert placed == ["storage0", "storage1", "storage2", "storage1"]
    assert report(after) == {"planned_bytes": 1024 + 256 + 256, "unplanned_bytes": 1024 + 3 * 256,
                             "saved_bytes": 256}


def test_best_fit_and_growth():
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([256], F32))
    sizes = [256, 64, 16, 128, 512]

    def resize(v, n):
        return bb.emit_te(lambda a: te.compute((n,), lambda i: a[0] + 1.0, name="resize"), v)

    with bb.function("main", params=[x]):
        vals = [x]
        for n in sizes:
            vals.append(resize(vals[-1], n))
        bb.emit_func_output(unary_te(bb, vals[-1], lambda v: v, "copy"))
    after = plan(bb.get())["main"]
    storages = {b.var.name_hint: int(b.value.args[0].values[0].value)
                for b in bindings(after) if isinstance(b.value, relax.Call)
                and isinstance(b.value.op, ir.Op) and b.value.op.name == "relax.memory.alloc_storage"}
    placed = [p.args[0].name_hint for p in calls_of(after, "relax.memory.alloc_tensor")]
    # 1024 B -> s0; 256 B -> s1 (s0 busy); 64 B -> s0 (free, smallest fitting);
    # 512 B -> s1 grows from 256 (none fits); 2048 B -> s0 grows to 2048.
    assert placed == ["storage0", "storage1", "storage0", "storage1", "storage0"]
    assert storages == {"storage0": 2048, "storage1": 512}


def test_dynamic_shapes_are_left_unplanned():
    n = tir.Var("n", "int64")
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([n, 4], F32))
    with bb.function("main", params=[x]):
        a = unary_te(bb, x, lambda v: v + 1.0, "inc")
        b = unary_te(bb, a, lambda v: v + 1.0, "inc")
        bb.emit_func_output(b)
    after = plan(bb.get())["main"]
    assert len(calls_of(after, "relax.builtin.alloc_tensor")) == 2
    assert not calls_of(after, "relax.memory.alloc_storage")
    assert report(after) == {"planned_bytes": 0, "unplanned_bytes": 0, "saved_bytes": 0}


def test_result_of_a_relax_function_call_may_alias_its_argument():
    bb = relax.BlockBuilder()
    p = relax.Var("p", relax.TensorStructInfo([8], F32))
    with bb.function("ident", params=[p]):
        bb.emit_func_output(p)
    ident = bb.get().get_global_var("ident")
    x = relax.Var("x", relax.TensorStructInfo([8], F32))
    with bb.function("main", params=[x]):
        a = unary_te(bb, x, lambda v: v + 1.0, "inc")
        b = bb.emit(relax.Call(ident, [a]))          # b may be a itself
        c = unary_te(bb, x, lambda v: v + 1.0, "inc")  # so a is still alive here
        d = bb.emit_te(lambda u, v: te.compute((8,), lambda i: u[i] + v[i], name="add"), b, c)
        bb.emit_func_output(unary_te(bb, d, lambda v: v + 1.0, "inc"))
    after = plan(bb.get())
    placed = [p.args[0].name_hint for p in calls_of(after["main"], "relax.memory.alloc_tensor")]
    assert placed == ["storage0", "storage1", "storage2"]
    assert report(after["ident"])["planned_bytes"] == 0


def test_tensor_used_in_an_if_branch_lives_as_long_as_the_if_result():
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([8], F32))
    cond = relax.Var("cond", relax.PrimStructInfo("bool"))
    with bb.function("main", params=[x, cond]):
        a = unary_te(bb, x, lambda v: v + 1.0, "inc")
        r = bb.emit(relax.If(cond, relax.SeqExpr([], a), relax.SeqExpr([], x)))
        b = unary_te(bb, x, lambda v: v + 1.0, "inc")
        c = bb.emit_te(lambda u, v: te.compute((8,), lambda i: u[i] + v[i], name="add"), r, b)
        bb.emit_func_output(unary_te(bb, c, lambda v: v + 1.0, "inc"))
    after = plan(bb.get())["main"]
    placed = [p.args[0].name_hint for p in calls_of(after, "relax.memory.alloc_tensor")]
    # a lives through r until c's kernel, so b cannot take its storage; c reuses neither.
    assert placed == ["storage0", "storage1", "storage2"]
