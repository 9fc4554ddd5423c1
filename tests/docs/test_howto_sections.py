"""Every how-to has S0, S1, S2 headings in order, each non-empty; the checker rejects the rest."""

import pytest

from docs_tree import howtos, rel
from howto_sections import TEMPLATE, check_howto


@pytest.mark.parametrize("path", howtos(), ids=rel)
def test_howto_has_sections(path):
    assert check_howto(path.read_text()) == []


def test_template_passes():
    assert check_howto(TEMPLATE) == []


def test_rejects_missing_s2():
    text = TEMPLATE[:TEMPLATE.index("# S2")]
    assert check_howto(text) == ["missing section heading S2"]


def test_rejects_out_of_order():
    s1 = TEMPLATE.index("# %%\n# S1")
    s2 = TEMPLATE.index("# %%\n# S2")
    swapped = TEMPLATE[:s1] + TEMPLATE[s2:] + "\nprint(2)\n\n" + TEMPLATE[s1:s2]
    assert any("out of order" in p for p in check_howto(swapped))


def test_rejects_empty_section():
    s0 = TEMPLATE.index("# The abstractions")
    s1 = TEMPLATE.index("# %%\n# S1")
    assert check_howto(TEMPLATE[:s0] + "\n" + TEMPLATE[s1:]) == ["section S0 is empty"]


def test_rejects_duplicate_and_plain_text_mentions():
    assert "section S1 appears 2 times" in check_howto(TEMPLATE + TEMPLATE[TEMPLATE.index("# %%\n# S1"):])
    # "S2" in prose is not a heading.
    text = TEMPLATE[:TEMPLATE.index("# %%\n# S2")] + "# %%\n# S2 comes later.\n"
    assert check_howto(text) == ["missing section heading S2"]
