"""LowerToVM as a whole: registered names, the VM form of its output, the script round trip."""

from tessel import ir, relax, te, tir, transform
from tessel.relax import transform_vm
from tessel.script import from_source

from vm_lowering_testing import bindings, calls_of, chain_module, check_vm_form

F32 = "float32"


def test_passes_are_registered_by_name():
    names = ["relax.ToNonDataflow", "relax.CallTIRRewrite", "relax.StaticPlanBlockMemory",
             "relax.VMShapeLower", "relax.LowerToVM"]
    assert set(names) <= set(transform.list_passes())
    for name in names:
        assert transform.get_pass(name).info.name == name
    assert [p.info.name for p in transform_vm.LowerToVM().passes] == names[:-1]


def test_lowered_chain_is_in_vm_form_and_round_trips_through_the_script():
    mod = transform_vm.LowerToVM()(chain_module(4))
    check_vm_form(mod)
    ir.assert_structural_equal(from_source(mod.script()), mod)


def test_tuple_outputs_packed_calls_and_constants_lower_to_vm_form():
    A = te.placeholder((4,), F32, name="A")
    B = te.compute((4,), lambda i: A[i] + 1.0, name="B")
    C = te.compute((4,), lambda i: A[i] * 2.0, name="C")
    bb = relax.BlockBuilder()
    two = bb.add_func(te.create_prim_func([A, B, C]), "two")
    x = relax.Var("x", relax.TensorStructInfo([4], F32))
    out = relax.TensorStructInfo([4], F32)
    with bb.function("main", params=[x]):
        with bb.dataflow():
            pair = bb.emit(relax.call_tir(two, [x], [out, out]))
            first = bb.emit(relax.TupleGetItem(pair, 0))
            summed = bb.emit(relax.call_dps_packed("my.add", [first, relax.const([1, 2, 3, 4], F32)], out))
            same = bb.emit(relax.call_pure_packed("my.identity", summed, sinfo_args=out))
            result = bb.emit_output(relax.Tuple([same, relax.TupleGetItem(pair, 1)]))
        bb.emit_func_output(result)
    mod = transform_vm.LowerToVM()(bb.get())
    check_vm_form(mod)
    externs = [b.value.op.global_symbol for b in bindings(mod["main"])
               if isinstance(b.value, relax.Call) and isinstance(b.value.op, relax.ExternFunc)]
    assert externs[-2:] == ["my.add", "my.identity"]
    # The pair's fields and the packed results reach the result: nothing is planned.
    assert mod["main"].attrs["relax.memory_plan"]["planned_bytes"].value == 0


def _mlp(batch):
    bb = relax.BlockBuilder()
    x = relax.Var("x", relax.TensorStructInfo([batch, 784], F32))
    w1 = relax.Var("w1", relax.TensorStructInfo([784, 128], F32))
    b1 = relax.Var("b1", relax.TensorStructInfo([128], F32))
    w2 = relax.Var("w2", relax.TensorStructInfo([128, 10], F32))
    with bb.function("main", params=[x, w1, b1, w2]):
        with bb.dataflow():
            h = bb.emit(relax.op.matmul(x, w1))
            h = bb.emit(relax.op.add(h, b1))
            h = bb.emit(relax.op.nn.relu(h))
            out = bb.emit_output(relax.op.matmul(h, w2))
        bb.emit_func_output(out)
    return bb.get()


def test_legalized_mlp_lowers_after_the_standard_pipelines():
    # Batch 64: matmul and add outputs (64 x 128 float32) alternate between two storages.
    lowered = transform_vm.LowerToVM()(relax.get_pipeline("zero")(_mlp(64)))
    check_vm_form(lowered)
    plan = {k: v.value for k, v in lowered["main"].attrs["relax.memory_plan"].items()}
    assert plan == {"planned_bytes": 2 * 32768, "unplanned_bytes": 3 * 32768, "saved_bytes": 32768}
    # A symbolic batch: shapes come from the heap, nothing is planned.
    n = tir.Var("n", "int64")
    lowered = transform_vm.LowerToVM()(relax.get_pipeline("default")(_mlp(n)))
    check_vm_form(lowered)
    assert relax.analysis.well_formed(lowered)
    assert len(calls_of(lowered["main"], "vm.builtin.make_shape")) == 4
