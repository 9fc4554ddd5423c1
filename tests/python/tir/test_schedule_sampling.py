"""sample_perfect_tile and sample_categorical: validity, determinism under a seed, decisions."""

import collections

import pytest

from tessel.error import ScheduleError
from tessel.script import tir as T
from tessel.tir import Schedule
from tessel.tir.schedule import ExprRV


@T.prim_func
def elementwise(A: T.Buffer((512, 96), "float32"), B: T.Buffer((512, 96), "float32")):
    for i, j in T.grid(512, 96):
        with T.block("B"):
            vi, vj = T.axis.remap("SS", [i, j])
            B[vi, vj] = A[vi, vj] + T.float32(1.0)


def tiles(seed, n=4, max_innermost_factor=16):
    sch = Schedule(elementwise, seed=seed)
    _, j = sch.get_loops(sch.get_block("B"))
    return [sch.get(v) for v in sch.sample_perfect_tile(j, n=n, max_innermost_factor=max_innermost_factor)]


def test_perfect_tile_is_valid():
    for seed in range(50):
        factors = tiles(seed)
        assert len(factors) == 4
        product = 1
        for f in factors:
            product *= f
        assert product == 96
        assert factors[-1] <= 16


def test_perfect_tile_is_deterministic_under_a_seed():
    assert tiles(7) == tiles(7)
    assert len({tuple(tiles(seed)) for seed in range(30)}) > 5


def test_perfect_tile_is_uniform_over_factorizations():
    sch = Schedule(elementwise, seed=11)
    _, j = sch.get_loops(sch.get_block("B"))
    # 96 = 2^5 * 3 has 12 divisors; with n=2 and no innermost bound, 12 factorizations.
    counts = collections.Counter(
        tuple(sch.get(v) for v in sch.sample_perfect_tile(j, n=2, max_innermost_factor=0))
        for _ in range(1200))
    assert len(counts) == 12
    assert min(counts.values()) > 50


def test_perfect_tile_factors_split_the_loop():
    sch = Schedule(elementwise, seed=5)
    i, _ = sch.get_loops(sch.get_block("B"))
    factors = sch.sample_perfect_tile(i, n=3, max_innermost_factor=8)
    assert all(isinstance(v, ExprRV) for v in factors)
    loops = sch.split(i, factors)
    assert [sch.get(l).extent.value for l in loops] == [sch.get(v) for v in factors]


def test_perfect_tile_decision():
    sch = Schedule(elementwise, seed=0)
    _, j = sch.get_loops(sch.get_block("B"))
    factors = sch.sample_perfect_tile(j, n=2, decision=[8, 12])
    assert [sch.get(v) for v in factors] == [8, 12]
    before = len(sch.trace.insts)
    with pytest.raises(ScheduleError, match=r"sample_perfect_tile: the decision \[8, 8\] is not 2 "
                                            r"positive factors of 96 \(loop j\) with the innermost "
                                            r"at most 16"):
        sch.sample_perfect_tile(j, n=2, decision=[8, 8])
    with pytest.raises(ScheduleError, match="innermost at most 16"):
        sch.sample_perfect_tile(j, n=2, decision=[3, 32])
    assert len(sch.trace.insts) == before


def test_categorical():
    sch = Schedule(elementwise, seed=1)
    values = collections.Counter(sch.get(sch.sample_categorical([1, 2, 4], [0.0, 0.25, 0.75]))
                                 for _ in range(400))
    assert set(values) == {2, 4}
    assert values[4] > values[2]
    assert sch.get(sch.sample_categorical([1, 2, 4], [1, 1, 1], decision=2)) == 4
    with pytest.raises(ScheduleError, match="one probability per candidate"):
        sch.sample_categorical([1, 2], [1.0])
    with pytest.raises(ScheduleError, match="the decision 3 is not an index of the 2 candidates"):
        sch.sample_categorical([1, 2], [0.5, 0.5], decision=3)


def test_copy_is_independent_and_keeps_sampled_values():
    sch = Schedule(elementwise, seed=2)
    i, j = sch.get_loops(sch.get_block("B"))
    factors = sch.sample_perfect_tile(j, n=2)
    other = sch.copy()
    assert [other.get(v) for v in factors] == [sch.get(v) for v in factors]
    other.split(j, factors)
    assert len(other.trace.insts) == len(sch.trace.insts) + 1
    assert sch.get(j).extent.value == 96  # the original still has loop j
    sch.fuse(i, j)
    assert len(other.get_loops(other.get_block("B"))) == 3
