"""Executable text and stats, the per-op profiler and the time evaluator of the VM."""

import os
import sys

import numpy as np
import pytest

import tessel
from tessel import relax
from tessel.error import InvalidArgumentError

sys.path.insert(0, os.path.dirname(__file__))
from vm_testing import add_scale_module, build  # noqa: E402

X = np.ones((8, 4), "float32")


@pytest.fixture(scope="module")
def exe():
    return build(add_scale_module())


def test_text_and_stats(exe):
    text = exe.as_text()
    assert text.startswith("@main(%0 x, %1 y):")
    assert "call vm.builtin.match_shape(%0, %2, 2, 1, 0, 2, 4, c[" in text
    assert "call scale(" in text and "ret %" in text
    stats = exe.stats()
    assert "VM functions: 1 (main)" in stats
    assert "add" in stats and "scale" in stats
    assert repr(exe) == "tessel.relax.Executable(functions=['main'])"


def test_profile_reports_each_kernel(exe):
    vm = relax.VirtualMachine(exe, tessel.cpu(), profile=True)
    report = vm.profile("main", X, X)
    by_name = {e.name: e for e in report.entries}
    assert by_name["add"].kind == "kernel" and by_name["add"].calls == 1
    assert by_name["scale"].kind == "kernel"
    assert by_name["vm.builtin.match_shape"].calls == 2
    assert by_name["vm.builtin.match_shape"].kind == "builtin"
    assert 0 < sum(e.seconds for e in report.entries) <= report.total_seconds
    table = str(report)
    assert table.splitlines()[0].split() == ["Name", "Kind", "Calls", "Total", "(ms)", "Mean", "(us)", "Percent"]
    assert "scale" in table and "Total" in table


def test_profile_needs_profile_mode(exe):
    with pytest.raises(InvalidArgumentError, match="profile=True"):
        relax.VirtualMachine(exe).profile("main", X, X)


def test_time_evaluator(exe):
    vm = relax.VirtualMachine(exe)
    result = vm.time_evaluator("main", tessel.cpu(), number=3, repeat=2)(X, X)
    assert isinstance(result, tessel.runtime.BenchmarkResult)
    assert len(result.results) == 2 and result.mean > 0
