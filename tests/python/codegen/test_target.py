"""tessel.target.Target: parsing, defaults from the host, round trips and errors."""

import pytest

from tessel.error import InvalidArgumentError
from tessel.target import Target


def test_host_defaults():
    t = Target("llvm")
    assert t.kind == "llvm"
    assert t.is_host
    assert t.triple and t.cpu
    assert all(a[0] in "+-" for a in t.attrs)
    assert t.num_threads == 0 and not t.fast_math
    assert str(t) == "llvm"


def test_options_parse_and_round_trip():
    text = "llvm -mtriple=x86_64-linux-gnu -mattr=+avx512f,+fma -num-threads=2 -fast-math"
    t = Target(text)
    assert t.attrs == ("+avx512f", "+fma") or list(t.attrs) == ["+avx512f", "+fma"]
    assert t.num_threads == 2 and t.fast_math
    assert "x86_64" in t.triple
    assert Target(str(t)) == t
    assert str(Target(str(t))) == str(t)


def test_cpu_option():
    t = Target("llvm -mcpu=skylake-avx512")
    assert t.cpu == "skylake-avx512"
    assert list(t.attrs) == []
    assert str(t) == "llvm -mcpu=skylake-avx512"


@pytest.mark.parametrize("text, needle", [
    ("cuda", "cuda"),
    ("llvm -foo=1", "-foo"),
    ("llvm -mcpu=not-a-cpu", "not-a-cpu"),
    ("llvm -num-threads=-1", "-num-threads"),
    ("llvm -num-threads=abc", "abc"),
    ("llvm -mattr=avx512f", "avx512f"),
    ("llvm -mtriple=nonsense-arch-thing", "nonsense-arch-thing"),
    ("", "empty"),
])
def test_bad_target_strings_name_the_culprit(text, needle):
    with pytest.raises(InvalidArgumentError, match=needle):
        Target(text)
