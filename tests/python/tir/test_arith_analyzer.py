"""The arithmetic analyzer from Python: simplify, proofs, bounds, sets, constraint scopes."""

import pytest

from tessel import tir
from tessel.error import InvalidArgumentError
from tessel.ir import structural_equal
from tessel.tir import arith


def _vars(*names):
    return [tir.Var(n, "int32") for n in names]


def test_simplify_split_index():
    i, ii = _vars("i", "ii")
    ana = arith.Analyzer()
    ana.bind(ii, tir.Range(0, 8))
    assert ana.simplify((i * 8 + ii) // 8).same_as(i)
    assert ana.simplify((i * 8 + ii) % 8).same_as(ii)
    assert structural_equal(ana.simplify(i * 2 + ii - i), i + ii)
    assert structural_equal(ana.simplify((i // 4) * 4 + i % 4), i)


def test_proofs():
    i, n = _vars("i", "n")
    ana = arith.Analyzer()
    ana.bind(i, tir.Range(0, n))
    assert ana.can_prove(i < n)
    assert not ana.can_prove(i < n - 1)
    assert ana.can_prove_equal(i + n, n + i)
    assert ana.can_prove_greater_equal(i, 0)
    assert not ana.can_prove_less(i, 10)


def test_const_int_bound_and_modular_set():
    x, y = _vars("x", "y")
    ana = arith.Analyzer()
    ana.bind(x, tir.Range(0, 8))
    b = ana.const_int_bound(x * 2 + 1)
    assert (b.min_value, b.max_value) == (1, 15)
    big = ana.const_int_bound(tir.Var("w", "int64"))
    assert (big.min_value, big.max_value) == (arith.NEG_INF, arith.POS_INF)
    m = ana.modular_set(y * 8 + 3)
    assert (m.coeff, m.base) == (8, 3)
    with pytest.raises(InvalidArgumentError, match="integer"):
        ana.const_int_bound(tir.FloatImm("float32", 1.0))


def test_constraint_scope_is_temporary():
    i, n = _vars("i", "n")
    ana = arith.Analyzer()
    ana.bind(i, tir.Range(0, 100))
    with ana.constraint_scope(i < 10):
        assert ana.const_int_bound(i).max_value == 9
        assert ana.can_prove((i // 16).equal(0))
        with ana.constraint_scope(i >= n):
            assert ana.can_prove(n <= i)
        assert not ana.can_prove(n <= i)
    assert ana.const_int_bound(i).max_value == 99


def test_bind_expression_substitutes():
    x, y = _vars("x", "y")
    ana = arith.Analyzer()
    ana.bind(y, x * 4)
    assert structural_equal(ana.simplify(y - x), x * 3)


def test_eval_set_region_of_split_loop():
    i, ii = _vars("i", "ii")
    ana = arith.Analyzer()
    s = ana.eval_set(i * 8 + ii, {ii: tir.Range(0, 8)})
    assert structural_equal(s.min_value, i * 8)
    assert structural_equal(s.max_value, i * 8 + 7)
    r = s.cover_range()
    assert structural_equal(r.min, i * 8) and r.extent.value == 8
    assert repr(s) == "IntSet[i * 8, i * 8 + 7]"


def test_eval_set_with_int_sets():
    o, k = _vars("o", "k")
    ana = arith.Analyzer()
    s = ana.eval_set(k // 32, {k: arith.IntSet.interval(o * 64, o * 64 + 63)})
    assert structural_equal(s.min_value, o * 2)
    assert structural_equal(s.max_value, o * 2 + 1)
    unbounded = ana.eval_set(k * o, {k: tir.Range(0, 4), o: tir.Range(0, tir.Var("n", "int32"))})
    assert unbounded.min_value.value == 0 and unbounded.max_value is None
    assert not unbounded.is_everything()
    assert ana.eval_set(k * o, {k: tir.Range(-1, 4)}).is_everything()


def test_eval_region():
    i, ii = _vars("i", "ii")
    ana = arith.Analyzer()
    first, second = ana.eval_region([tir.Range(i * 8 + ii, 2), tir.Range(0, 4)], {ii: tir.Range(0, 8)})
    assert structural_equal(first.min_value, i * 8) and structural_equal(first.max_value, i * 8 + 8)
    assert (second.min_value.value, second.max_value.value) == (0, 3)


def test_union_intersect_cover():
    ana = arith.Analyzer()
    u = ana.union([arith.IntSet.interval(0, 3), arith.IntSet.interval(2, 9)])
    assert (u.min_value.value, u.max_value.value) == (0, 9)
    assert ana.intersect([arith.IntSet.interval(0, 1), arith.IntSet.interval(4, 5)]).is_empty()
    assert ana.covers_range(u, tir.Range(0, 10))
    assert not ana.covers_range(u, tir.Range(0, 11))
    with pytest.raises(InvalidArgumentError, match="unbounded"):
        arith.IntSet.everything().cover_range()


def test_detect_iter_map():
    k, i, j = _vars("k", "i", "j")
    res = arith.detect_iter_map([k // 32, k % 32], {k: tir.Range(0, 128)}, require_bijective=True)
    assert res.errors == ()
    outer, inner = res.indices
    (split,) = outer.args
    assert split.source.source.same_as(k)
    assert (split.lower_factor.value, split.extent.value, split.scale.value) == (32, 4, 1)
    assert structural_equal(inner.to_expr(), k % 32)
    assert arith.is_affine_binding([i * 8 + j], {i: tir.Range(0, 4), j: tir.Range(0, 8)})
    bad = arith.detect_iter_map([i * j], {i: tir.Range(0, 4), j: tir.Range(0, 8)})
    assert bad.indices == () and "cannot decompose i * j" in bad.errors[0]
