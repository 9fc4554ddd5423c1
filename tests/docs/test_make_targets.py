"""Every `make <target>` that the README or the Install page shows is a Makefile target."""

import re

import pytest

from docs_tree import REPO, rel

SHOWN_IN = [REPO / "README.md", REPO / "docs" / "get_started" / "install.rst"]
_ARGS = r"make\s+(?:[A-Z_]+=\S+\s+)*([a-z][\w-]*)"
# `make X` as inline code (`make X`, ``make X``), after a shell prompt, or alone on a line.
SHOWN = [re.compile(p, re.M) for p in
         (r"`+" + _ARGS, r"^\s*\$\s+" + _ARGS, r"^\s*" + _ARGS + r"\s*(?:#.*)?$")]


def makefile_targets():
    text = (REPO / "Makefile").read_text()
    rules = re.findall(r"^([\w .-]+?)\s*:(?![:=])", text, re.M)
    return {t for rule in rules for t in rule.split() if not t.startswith(".")}


def shown_targets(text):
    return {target for pattern in SHOWN for target in pattern.findall(text)}


@pytest.mark.parametrize("page", SHOWN_IN, ids=rel)
def test_shown_targets_exist(page):
    shown = shown_targets(page.read_text())
    assert {"docs", "test"} <= shown, f"{rel(page)} must show `make docs` and `make test`"
    assert shown <= makefile_targets(), f"{rel(page)} shows unknown targets {shown - makefile_targets()}"


def test_target_pattern():
    assert shown_targets("run ``make test-asan`` or\n   $ make docs  # x\n`make PYTHON=py3 test`") == \
        {"test-asan", "docs", "test"}
    assert shown_targets("make sure the docs build\nmake it so") == set()
