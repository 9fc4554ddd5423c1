"""Simplify inside the whole lowering pipeline: the result stays lowered and computes what
the scheduled function computes."""

import os
import sys

import pytest

from tessel import tir

sys.path.insert(0, os.path.dirname(__file__))
from lowering_testing import apply, assert_lowered, assert_same_results  # noqa: E402
from test_lowering_chain import matmul, row_sum, two_stage  # noqa: E402

PIPELINE = ["ConvertBlocksToLoops", "Simplify", "FlattenBuffer", "VectorizeLoop", "UnrollLoop",
            "LowerParallelLoops", "StorageRewrite", "Simplify"]


@pytest.mark.parametrize("func,sizes", [(matmul, None), (two_stage, None), (row_sum, {"n": 7})],
                         ids=["matmul", "two_stage", "row_sum"])
def test_pipeline_with_simplify_keeps_results(func, sizes):
    lowered = func
    for name in PIPELINE:
        after = apply(getattr(tir.transform, name)(), lowered)
        if name == "Simplify":
            assert_same_results(lowered, after, sizes)
            assert apply(tir.transform.Simplify(), after).same_as(after)  # idempotent
        lowered = after
    assert_lowered(lowered)
    assert_same_results(func, lowered, sizes, task_counts=(1, 2, 3, 8))
