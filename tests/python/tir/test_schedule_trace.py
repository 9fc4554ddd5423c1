"""Traces: exact Python text, replay onto a fresh schedule, and replay with decisions."""

from tessel import ir
from tessel.script import tir as T
from tessel.tir import Schedule
from tessel.tir.schedule import Trace


@T.prim_func
def matmul(A: T.Buffer((128, 128), "float32"), B: T.Buffer((128, 128), "float32"),
           C: T.Buffer((128, 128), "float32")):
    for i, j, k in T.grid(128, 128, 128):
        with T.block("C"):
            vi, vj, vk = T.axis.remap("SSR", [i, j, k])
            T.reads(A[vi, vk], B[vk, vj])
            T.writes(C[vi, vj])
            with T.init():
                C[vi, vj] = T.float32(0.0)
            C[vi, vj] = C[vi, vj] + A[vi, vk] * B[vk, vj]


def schedule_matmul(sch: Schedule, j_decision=None):
    b0 = sch.get_block("C")
    l1, l2, l3 = sch.get_loops(b0)
    l4, l5 = sch.split(l1, [None, 32])
    v6, v7 = sch.sample_perfect_tile(l2, n=2, max_innermost_factor=16, decision=j_decision)
    l8, l9 = sch.split(l2, [v6, v7])
    sch.reorder(l4, l8, l5, l9)
    l10 = sch.fuse(l4, l8)
    sch.parallel(l10)
    sch.vectorize(l9)
    sch.unroll(l3)
    sch.annotate(b0, "meta", "x")
    sch.enter_postproc()
    sch.unannotate(b0, "meta")


EXPECTED = """\
b0 = sch.get_block(name="C", func_name="main")
l1, l2, l3 = sch.get_loops(block=b0)
l4, l5 = sch.split(loop=l1, factors=[None, 32], preserve_unit_iters=True)
v6, v7 = sch.sample_perfect_tile(loop=l2, n=2, max_innermost_factor=16, decision=[8, 16])
l8, l9 = sch.split(loop=l2, factors=[v6, v7], preserve_unit_iters=True)
sch.reorder(l4, l8, l5, l9)
l10 = sch.fuse(l4, l8, preserve_unit_iters=True)
sch.parallel(loop=l10)
sch.vectorize(loop=l9)
sch.unroll(loop=l3)
sch.annotate(block_or_loop=b0, ann_key="meta", ann_val="x")
sch.enter_postproc()
sch.unannotate(block_or_loop=b0, ann_key="meta")
"""


def test_trace_prints_runnable_python():
    sch = Schedule(matmul, seed=0)
    schedule_matmul(sch, j_decision=[8, 16])
    assert isinstance(sch.trace, Trace)
    assert str(sch.trace) == EXPECTED
    assert sch.trace.as_python(remove_postproc=True) == EXPECTED.splitlines()[:-2]
    # The printed lines are a program: running them on a fresh schedule gives the same IR.
    fresh = Schedule(matmul)
    exec(str(sch.trace), {"sch": fresh})
    ir.assert_structural_equal(fresh.mod, sch.mod)
    assert str(fresh.trace) == EXPECTED


def test_replay_gives_an_equal_module():
    sch = Schedule(matmul, seed=4)
    schedule_matmul(sch)
    fresh = Schedule(matmul, seed=99)
    sch.trace.apply_to_schedule(fresh)
    ir.assert_structural_equal(fresh.mod, sch.mod)
    assert str(fresh.trace) == str(sch.trace)


def test_replay_reuses_the_decisions():
    for seed in range(5):
        sch = Schedule(matmul, seed=seed)
        schedule_matmul(sch)
        inst = sch.trace.insts[3]
        assert inst.kind.name == "SamplePerfectTile"
        decision = [d.value for d in sch.trace.get_decision(inst)]
        fresh = Schedule(matmul, seed=1000 + seed)
        sch.trace.apply_to_schedule(fresh)
        loops = [fresh.get(l) for l in fresh.get_loops(fresh.get_block("C"))]
        # fused(i_0, j_0), i_1, j_1, k: the inner j extent is the sampled innermost factor.
        assert loops[2].extent.value == decision[1]
        ir.assert_structural_equal(fresh.mod, sch.mod)


def test_replay_without_postproc():
    sch = Schedule(matmul, seed=0)
    schedule_matmul(sch, j_decision=[8, 16])
    fresh = Schedule(matmul)
    sch.trace.apply_to_schedule(fresh, remove_postproc=True)
    assert fresh.get(fresh.get_block("C")).annotations == {"meta": "x"}


def test_instructions_record_inputs_and_outputs():
    sch = Schedule(matmul, seed=0)
    block = sch.get_block("C")
    loops = sch.get_loops(block)
    get_loops = sch.trace.insts[-1]
    assert get_loops.kind.name == "GetLoops"
    assert get_loops.inputs == (block,)
    assert get_loops.outputs == loops


def test_sampling_and_child_block_lines():
    sch = Schedule(matmul, seed=0)
    (i, _, _) = sch.get_loops(sch.get_block("C"))
    sch.get_child_blocks(i)
    sch.sample_categorical([1, 4], [0.25, 0.75], decision=0)
    assert sch.trace.as_python()[2:] == [
        "b4, = sch.get_child_blocks(block_or_loop=l1)",
        "v5 = sch.sample_categorical(candidates=[1, 4], probs=[0.25, 0.75], decision=0)",
    ]
