"""Tutorials do not guard on CI, skip themselves when a package is missing, or hide failures."""

import ast

import pytest

from docs_tree import rel, tutorials

PROBING_CALLS = {"importorskip", "find_spec", "find_loader"}
BROAD = {"Exception", "BaseException"}
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


def _names(node):
    """Exception names an except clause catches."""
    if node is None:
        return set()
    elts = node.elts if isinstance(node, ast.Tuple) else [node]
    return {e.attr if isinstance(e, ast.Attribute) else getattr(e, "id", "") for e in elts}


def violations(source):
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and node.value == "CI":
            found.append(f"{where}: reads the CI environment variable")
        elif isinstance(node, (ast.Name, ast.Attribute)):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in PROBING_CALLS:
                found.append(f"{where}: probes for an optional package ({name})")
        elif isinstance(node, ast.ExceptHandler):
            caught = _names(node.type)
            if node.type is None or caught & BROAD:
                found.append(f"{where}: catches every error (bare or broad except)")
            elif caught & IMPORT_ERRORS:
                found.append(f"{where}: skips itself when an import fails")
    return found


@pytest.mark.parametrize("path", tutorials(), ids=rel)
def test_tutorial_follows_rules(path):
    assert violations(path.read_text()) == []


@pytest.mark.parametrize("source, message", [
    ("import os\nif os.environ.get('CI'):\n    pass\n", "CI environment"),
    ("import pytest\nnp = pytest.importorskip('numpy')\n", "optional package"),
    ("try:\n    import onnx\nexcept ImportError:\n    onnx = None\n", "import fails"),
    ("try:\n    run()\nexcept Exception:\n    pass\n", "bare or broad"),
    ("try:\n    run()\nexcept:\n    pass\n", "bare or broad"),
])
def test_rules_catch_violations(source, message):
    assert any(message in v for v in violations(source))


def test_rules_allow_specific_handling():
    assert violations("try:\n    int('x')\nexcept ValueError as e:\n    print(e)\n") == []
